import { z } from 'zod';
import { quote, type Problem } from './field-module';
import { checkBounds, inputField } from './schema-parts';

// Shared by the short and the long text types.

export const textLikeDefinition = <T extends 'text' | 'textarea'>(type: T, defaultMax: number, ceiling: number) =>
  z
    .strictObject({
      ...inputField,
      type: z.literal(type),
      minLength: z.int().min(0).optional(),
      maxLength: z.int().min(1).max(ceiling, `Longueur maximale plafonnée à ${ceiling}.`).default(defaultMax),
    })
    .superRefine((f, ctx) => checkBounds(ctx, f.minLength, f.maxLength, 'Longueur'));

export function checkLength(field: { label: string; minLength?: number; maxLength: number }, value: string): Problem[] {
  if (field.minLength !== undefined && value.length < field.minLength) {
    return [{ message: `${quote(field.label)} doit contenir au moins ${field.minLength} caractères (actuellement ${value.length}).` }];
  }
  if (value.length > field.maxLength) {
    return [{ message: `${quote(field.label)} doit contenir ${field.maxLength} caractères au maximum (actuellement ${value.length}).` }];
  }
  return [];
}
