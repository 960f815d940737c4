import type { z } from 'zod';
import { plainInputDefinition, noSettings, type FieldEditor } from './schema-parts';

/** How a procedure definition describes a field of type siret (server and editor side). */
export const siretSchema = plainInputDefinition('siret');
export type SiretFieldDefinition = z.output<typeof siretSchema>;

/** Nothing of its own to set in the editor beyond label, hint, required and prefill. */
export const siretEditor: FieldEditor = noSettings;
