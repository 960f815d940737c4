import { ANSWER_MAX_STRING, type AnswerValue, type Answers } from '@/lib/procedures/answers';
import type { Field, ProcedureDefinition } from '@/lib/procedures/definition';

// What an autosave may write into a draft: only input fields of its definition, each in the
// canonical shape of lib/procedures/answers.ts and within size limits. A draft may be incomplete
// or not yet valid (that is checked step by step and at submission), but never malformed.
// Pure module.

const MAX_CHOICES = 100;
const ADDRESS_KEYS = new Set(['line1', 'line2', 'postalCode', 'city']);

export type CheckedChanges = { ok: true; changes: Answers } | { ok: false; message: string };

export function checkAnswerChanges(definition: ProcedureDefinition, changes: Record<string, unknown>): CheckedChanges {
  const fields = new Map<string, Field>(definition.steps.flatMap((s) => s.fields.map((f) => [f.key, f] as const)));
  const keys = Object.keys(changes);
  if (keys.length === 0) return { ok: false, message: 'Aucune modification à enregistrer.' };
  for (const key of keys) {
    const field = fields.get(key);
    if (!field) return { ok: false, message: `Champ inconnu : « ${key.slice(0, 60)} ».` };
    if (field.type === 'info' || field.type === 'file') return { ok: false, message: `Le champ « ${key} » ne s’enregistre pas ici.` };
    if (!hasCanonicalShape(field, changes[key])) return { ok: false, message: `Valeur invalide pour le champ « ${key} ».` };
  }
  return { ok: true, changes: changes as Answers };
}

function hasCanonicalShape(field: Exclude<Field, { type: 'info' | 'file' }>, value: unknown): value is AnswerValue {
  if (value === null) return true;
  switch (field.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'yesno':
      return typeof value === 'boolean';
    case 'checkboxes':
      return Array.isArray(value) && value.length <= MAX_CHOICES && value.every(isBoundedString);
    case 'address':
      return isAddress(value);
    default:
      return isBoundedString(value);
  }
}

function isBoundedString(value: unknown): value is string {
  return typeof value === 'string' && value.length <= ANSWER_MAX_STRING;
}

function isAddress(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  if (entries.some(([key, v]) => !ADDRESS_KEYS.has(key) || !isBoundedString(v))) return false;
  const address = value as Record<string, unknown>;
  return typeof address.line1 === 'string' && typeof address.postalCode === 'string' && typeof address.city === 'string';
}
