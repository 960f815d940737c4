import type { Answers } from '@/lib/procedures/answers';
import { isInputField } from '@/lib/procedures/step-rules';
import type { Field, ProcedureDefinition } from '@/lib/procedures/definition';
import { inputModuleOf } from '@/lib/procedures/fields';

// What an autosave may write into a draft: only input fields of its definition, each in the
// canonical shape of lib/procedures/answers.ts and within size limits (each type's module says
// which, lib/procedures/fields). A draft may be incomplete or not yet valid (that is checked step by step and at submission), but never malformed.
// Pure module.

export type CheckedChanges = { ok: true; changes: Answers } | { ok: false; message: string };

export function checkAnswerChanges(definition: ProcedureDefinition, changes: Record<string, unknown>): CheckedChanges {
  const fields = new Map<string, Field>(definition.steps.flatMap((s) => s.fields.map((f) => [f.key, f] as const)));
  const keys = Object.keys(changes);
  if (keys.length === 0) return { ok: false, message: 'Aucune modification à enregistrer.' };
  for (const key of keys) {
    const field = fields.get(key);
    if (!field) return { ok: false, message: `Champ inconnu : « ${key.slice(0, 60)} ».` };
    const isCanonical = isInputField(field) ? inputModuleOf(field).answer.isCanonical : null;
    if (!isCanonical) return { ok: false, message: `Le champ « ${key} » ne s’enregistre pas ici.` };
    if (changes[key] !== null && !isCanonical(changes[key])) return { ok: false, message: `Valeur invalide pour le champ « ${key} ».` };
  }
  return { ok: true, changes: changes as Answers };
}
