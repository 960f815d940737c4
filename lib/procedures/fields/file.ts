import { defineInputField, invalidAnswer, noCondition, quote, trimString } from './field-module';
import type { FileFieldDefinition } from './file.schema';

// Pièces justificatives. Stored as the ids of the dossier's attachments, written only by
// lib/documents/attachments.ts (never by autosave); in the browser a file chosen but not yet
// sent counts as a pending answer (lib/documents/file-inputs.ts).

export const fileField = defineInputField<FileFieldDefinition>({
  type: 'file',
  label: 'Pièce justificative (fichier)',
  editor: 'simple',
  checkCondition: noCondition,
  prefill: null,
  answer: {
    // No input of its own in the step's form data: files go through their own buttons.
    read: () => undefined,
    check: (field, value) => (Array.isArray(value) && value.every((v) => typeof v === 'string') ? [] : invalidAnswer(field)),
    requiredProblems: (field) => [{ message: `Ajoutez ${quote(field.label)}.` }],
    clean: trimString,
    isStorable: () => false,
    isCanonical: null,
    format: (_field, value, fileNames) => {
      if (!Array.isArray(value)) return '';
      // File names when the caller knows them (one per line), else a count.
      const names = fileNames ? value.map((id) => fileNames[id]).filter(Boolean) : [];
      if (names.length === value.length) return names.join('\n');
      return value.length === 1 ? '1 fichier' : `${value.length} fichiers`;
    },
  },
});
