import type { z } from 'zod';
import { choiceDefinition } from './schema-parts';

/** How a procedure definition describes a field of type select (server and editor side). */
export const selectSchema = choiceDefinition('select');
export type SelectFieldDefinition = z.output<typeof selectSchema>;
