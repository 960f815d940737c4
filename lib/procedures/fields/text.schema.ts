import type { z } from 'zod';
import { textLikeDefinition, lengthEditor, type FieldEditor } from './schema-parts';

/** How a procedure definition describes a field of type text (server and editor side). */
export const textSchema = textLikeDefinition('text', 200, 1000);
export type TextFieldDefinition = z.output<typeof textSchema>;

export const textEditor: FieldEditor = lengthEditor;
