import type { z } from 'zod';
import { plainInputDefinition } from './schema-parts';

/** How a procedure definition describes a field of type email (server and editor side). */
export const emailSchema = plainInputDefinition('email');
export type EmailFieldDefinition = z.output<typeof emailSchema>;
