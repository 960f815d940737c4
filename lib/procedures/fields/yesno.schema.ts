import type { z } from 'zod';
import { plainInputDefinition, noSettings, type FieldEditor } from './schema-parts';

/** How a procedure definition describes a field of type yesno (server and editor side). */
export const yesnoSchema = plainInputDefinition('yesno');
export type YesnoFieldDefinition = z.output<typeof yesnoSchema>;

/** Nothing of its own to set in the editor beyond label, hint, required and prefill. */
export const yesnoEditor: FieldEditor = noSettings;
