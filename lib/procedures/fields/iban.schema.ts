import type { z } from 'zod';
import { plainInputDefinition, noSettings, type FieldEditor } from './schema-parts';

/** How a procedure definition describes an IBAN field (server and editor side). */
export const ibanSchema = plainInputDefinition('iban');
export type IbanFieldDefinition = z.output<typeof ibanSchema>;

/** Nothing of its own to set in the editor beyond label, hint, required and prefill. */
export const ibanEditor: FieldEditor = noSettings;
