import type { z } from 'zod';
import { textLikeDefinition, lengthEditor, type FieldEditor } from './schema-parts';

/** How a procedure definition describes a field of type textarea (server and editor side). */
export const textareaSchema = textLikeDefinition('textarea', 5000, 20000);
export type TextareaFieldDefinition = z.output<typeof textareaSchema>;

export const textareaEditor: FieldEditor = lengthEditor;
