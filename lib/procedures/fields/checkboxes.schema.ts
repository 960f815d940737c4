import type { z } from 'zod';
import { choiceDefinition, optionsEditor, type FieldEditor } from './schema-parts';

/** How a procedure definition describes a field of type checkboxes (server and editor side). */
export const checkboxesSchema = choiceDefinition('checkboxes');
export type CheckboxesFieldDefinition = z.output<typeof checkboxesSchema>;

export const checkboxesEditor: FieldEditor = optionsEditor;
