import type { ActionFailure } from '@/lib/actions/result';
import type { ProcedureAdminFailure } from '@/lib/administration/procedures/outcomes';
import type { StatusInUse } from '@/lib/administration/procedures/working-version';

// The procedure pages' words for the reasons their use cases give (lib/administration/procedures). The
// e2e specs check these sentences: change them only on purpose.

export const NOT_FOUND_MESSAGE = 'Cette démarche est introuvable : elle a peut-être été supprimée. Revenez à la liste des démarches.';
export const STALE_MESSAGE =
  'La version de travail a été modifiée (dans un autre onglet ou par un autre administrateur) depuis l’affichage de cette page. Rien n’a été enregistré : rechargez la page, puis refaites votre modification.';

/** The refusal of a save started from an older revision, with what changed meanwhile. */
export function describeStale(changes: string[]): string {
  return changes.length ? `${STALE_MESSAGE} Modifié entre-temps : ${changes.join(' ')}` : STALE_MESSAGE;
}

export function describeStatusesInUse(inUse: StatusInUse[]): string {
  const list = inUse.map((s) => `« ${s.label} » (${s.count} dossier${s.count > 1 ? 's' : ''})`).join(', ');
  return `Ces statuts sont ceux de dossiers déposés et ne peuvent pas être retirés : ${list}. Vous pouvez changer leur libellé ou les marquer comme finaux.`;
}

/**
 * Which form asked: publishing and discarding speak of "this version"; an edit of the working
 * version, of what the procedure would become. `invalidField` names the control the definition
 * errors belong to (the JSON editor's text area), if any.
 */
export type ProcedureForm = { kind: 'publish' | 'discard' | 'edit'; invalidField?: string };

export function procedureFailure(failure: ProcedureAdminFailure, form: ProcedureForm): ActionFailure {
  switch (failure.reason) {
    case 'not-found':
      return { ok: false, formError: NOT_FOUND_MESSAGE };
    case 'stale':
      return { ok: false, formError: describeStale(failure.changes) };
    case 'no-draft':
      return {
        ok: false,
        formError:
          form.kind === 'publish'
            ? 'Il n’y a pas de version de travail à publier : elle a peut-être déjà été publiée. Rechargez la page.'
            : 'Il n’y a pas de version de travail à abandonner. Rechargez la page.',
      };
    case 'never-published':
      return { ok: false, formError: 'Cette démarche n’a encore jamais été publiée : sa version de travail ne peut pas être abandonnée.' };
    case 'slug-taken':
      return { ok: false, fieldErrors: { slug: ['Une autre démarche utilise déjà cette adresse : choisissez-en une autre.'] } };
    case 'status-in-use':
      return { ok: false, formError: describeStatusesInUse(failure.inUse) };
    case 'invalid-json':
      return { ok: false, fieldErrors: { definition: [failure.message] } };
    case 'invalid-form':
      return { ok: false, fieldErrors: failure.fieldErrors, formError: failure.formError };
    case 'invalid-definition':
      if (form.kind === 'publish') return { ok: false, formError: `Cette version n’est pas valide : ${failure.errors.join(' ; ')}` };
      return form.invalidField
        ? { ok: false, fieldErrors: { [form.invalidField]: failure.errors } }
        : { ok: false, formError: `La démarche ne serait plus valide : ${failure.errors.join(' ; ')}` };
  }
}

/** A use case's outcome as the form shows it: success unchanged, a refusal in words. */
export function procedureResult<O extends { ok: true } | ProcedureAdminFailure>(outcome: O, form: ProcedureForm): Exclude<O, { ok: false }> | ActionFailure {
  return outcome.ok ? (outcome as Exclude<O, { ok: false }>) : procedureFailure(outcome as ProcedureAdminFailure, form);
}

const savedWhat = {
  presentation: 'Présentation et bénéficiaires enregistrés',
  statuts: 'Statuts enregistrés',
  etape: 'Textes de l’étape enregistrés',
  etapes: 'Étapes enregistrées',
  champ: 'Champ enregistré',
  regles: 'Règles enregistrées',
  json: 'Définition enregistrée',
} as const;

export type SavedPart = keyof typeof savedWhat;

/** The flash message after a save (?enregistre=<part>&version=<n>), or null for an unknown part. */
export function savedMessage(part: unknown, version: unknown): string | null {
  if (typeof part !== 'string' || !(part in savedWhat) || typeof version !== 'string' || !/^\d{1,6}$/.test(version)) return null;
  return `${savedWhat[part as SavedPart]} dans la version de travail ${version}. Publiez-la pour que les nouvelles demandes l’utilisent.`;
}
