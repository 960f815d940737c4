import type { z } from 'zod';
import { plainInputDefinition } from './schema-parts';

/** How a procedure definition describes an IBAN field (server and editor side). */
export const ibanSchema = plainInputDefinition('iban');
export type IbanFieldDefinition = z.output<typeof ibanSchema>;
