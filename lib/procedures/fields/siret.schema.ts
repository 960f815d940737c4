import type { z } from 'zod';
import { plainInputDefinition } from './schema-parts';

/** How a procedure definition describes a field of type siret (server and editor side). */
export const siretSchema = plainInputDefinition('siret');
export type SiretFieldDefinition = z.output<typeof siretSchema>;
