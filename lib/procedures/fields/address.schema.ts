import type { z } from 'zod';
import { plainInputDefinition } from './schema-parts';

/** How a procedure definition describes a field of type address (server and editor side). */
export const addressSchema = plainInputDefinition('address');
export type AddressFieldDefinition = z.output<typeof addressSchema>;
