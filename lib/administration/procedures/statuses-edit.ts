import type { Status } from '@/lib/procedures/definition';
import type { StatusesFormInput } from './schemas';

// Pure: turns the statuses form into the new statuses list. Order: by the positions typed, the
// added status last, then the chosen initial status moved first (submission records the first one).

export type StatusesEdit = { ok: true; statuses: Record<string, unknown>[] } | { ok: false; fieldErrors: Record<string, string[]>; formError?: string };

export function applyStatusesForm(current: Status[] | Record<string, unknown>[], input: StatusesFormInput): StatusesEdit {
  const existing = current as { key: string }[];
  const keys = existing.map((s) => s.key);
  // The rows must be exactly the statuses the page showed; the revision check normally catches this first.
  if (input.rows.length !== keys.length || input.rows.some((row, i) => row.key !== keys[i])) {
    return { ok: false, fieldErrors: {}, formError: 'La liste des statuts a changé depuis l’affichage de cette page : rechargez la page.' };
  }
  const fieldErrors: Record<string, string[]> = {};
  if (input.added && keys.includes(input.added.key)) fieldErrors['new-key'] = ['Un statut porte déjà cette clé : choisissez-en une autre.'];
  const initialIndex = input.rows.findIndex((row) => row.key === input.initial);
  if (initialIndex >= 0 && input.rows[initialIndex].remove) {
    fieldErrors[`status-${initialIndex}-remove`] = ['Le statut initial ne peut pas être retiré : choisissez d’abord un autre statut initial.'];
  } else if (initialIndex < 0 && input.initial !== input.added?.key) {
    fieldErrors.initial = ['Choisissez le statut initial parmi les statuts de la liste.'];
  }
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };

  const kept = input.rows
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => !row.remove)
    .sort((a, b) => a.row.position - b.row.position || a.index - b.index)
    .map(({ row, index }) => {
      const before = current[index] as Record<string, unknown>;
      const status: Record<string, unknown> = { ...before, label: row.label, tone: row.tone, final: row.final, notify: row.notify };
      if (row.description) status.description = row.description;
      else delete status.description;
      return status;
    });
  if (input.added) kept.push({ key: input.added.key, label: input.added.label, tone: input.added.tone, final: input.added.final, notify: input.added.notify });
  const first = kept.findIndex((s) => s.key === input.initial);
  if (first > 0) kept.unshift(...kept.splice(first, 1));
  if (!kept.length) return { ok: false, fieldErrors: {}, formError: 'Une démarche a au moins un statut.' };
  return { ok: true, statuses: kept };
}
