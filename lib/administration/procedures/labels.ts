import type { beneficiaryKinds, statusTones } from '@/lib/procedures/kinds';
import { fieldTypeLabel, fieldTypes, type FieldType } from '@/lib/procedures/fields';

// Words of the editor's forms, without zod: the forms list them without loading a schema
// (decision 019). schemas.ts re-exports them.

export const beneficiaryLabels: Record<(typeof beneficiaryKinds)[number], string> = {
  self: 'Le demandeur lui-même',
  person: 'Une personne de ses relations (enfant, conjoint, parent…)',
  organisation: 'Une organisation (association, entreprise)',
};

export const statusToneLabels: Record<(typeof statusTones)[number], string> = {
  info: 'Information (bleu)',
  progress: 'En cours (orange)',
  success: 'Succès (vert)',
  warning: 'Attention (jaune)',
  error: 'Refus ou erreur (rouge)',
};

/** Field types the structured form can add: all of them (their settings are edited afterwards). */
export const addableFieldTypes = fieldTypes;
/** The one table of type names: each type's module's `label`. */
export const addableFieldTypeLabels = Object.fromEntries(addableFieldTypes.map((t) => [t, fieldTypeLabel(t)])) as Record<FieldType, string>;
