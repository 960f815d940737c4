import type { z } from 'zod';
import { choiceDefinition, optionsEditor, type FieldEditor } from './schema-parts';

/** How a procedure definition describes a field of type radio (server and editor side). */
export const radioSchema = choiceDefinition('radio');
export type RadioFieldDefinition = z.output<typeof radioSchema>;

export const radioEditor: FieldEditor = optionsEditor;
