import type { z } from 'zod';
import { plainInputDefinition } from './schema-parts';

/** How a procedure definition describes a field of type yesno (server and editor side). */
export const yesnoSchema = plainInputDefinition('yesno');
export type YesnoFieldDefinition = z.output<typeof yesnoSchema>;
