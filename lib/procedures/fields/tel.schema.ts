import type { z } from 'zod';
import { plainInputDefinition } from './schema-parts';

/** How a procedure definition describes a field of type tel (server and editor side). */
export const telSchema = plainInputDefinition('tel');
export type TelFieldDefinition = z.output<typeof telSchema>;
