import type { z } from 'zod';
import { plainInputDefinition, noSettings, type FieldEditor } from './schema-parts';

/** How a procedure definition describes a field of type email (server and editor side). */
export const emailSchema = plainInputDefinition('email');
export type EmailFieldDefinition = z.output<typeof emailSchema>;

/** Nothing of its own to set in the editor beyond label, hint, required and prefill. */
export const emailEditor: FieldEditor = noSettings;
