import type { z } from 'zod';
import { choiceDefinition, optionsEditor, type FieldEditor } from './schema-parts';

/** How a procedure definition describes a field of type select (server and editor side). */
export const selectSchema = choiceDefinition('select');
export type SelectFieldDefinition = z.output<typeof selectSchema>;

export const selectEditor: FieldEditor = optionsEditor;
