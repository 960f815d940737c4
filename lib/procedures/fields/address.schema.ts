import type { z } from 'zod';
import { plainInputDefinition, noSettings, type FieldEditor } from './schema-parts';

/** How a procedure definition describes a field of type address (server and editor side). */
export const addressSchema = plainInputDefinition('address');
export type AddressFieldDefinition = z.output<typeof addressSchema>;

/** Nothing of its own to set in the editor beyond label, hint, required and prefill. */
export const addressEditor: FieldEditor = noSettings;
