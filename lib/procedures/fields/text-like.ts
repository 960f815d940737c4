import { quote, type Problem } from './field-module';

// Shared by the short and the long text types.

export function checkLength(field: { label: string; minLength?: number; maxLength: number }, value: string): Problem[] {
  if (field.minLength !== undefined && value.length < field.minLength) {
    return [{ message: `${quote(field.label)} doit contenir au moins ${field.minLength} caractères (actuellement ${value.length}).` }];
  }
  if (value.length > field.maxLength) {
    return [{ message: `${quote(field.label)} doit contenir ${field.maxLength} caractères au maximum (actuellement ${value.length}).` }];
  }
  return [];
}
