import type { z } from 'zod';
import { plainInputDefinition, noSettings, type FieldEditor } from './schema-parts';

/** How a procedure definition describes a field of type tel (server and editor side). */
export const telSchema = plainInputDefinition('tel');
export type TelFieldDefinition = z.output<typeof telSchema>;

/** Nothing of its own to set in the editor beyond label, hint, required and prefill. */
export const telEditor: FieldEditor = noSettings;
