'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { ActionResult } from '@/lib/actions/result';
import { adminAction } from '@/lib/actions/define-action';
import { echoAllValues, type ActionFailure } from '@/lib/actions/result';
import { getDb } from '@/lib/db';
import { archiveProcedure, restoreProcedure } from '@/lib/administration/procedures/archive-procedure';
import { discardDraftVersion } from '@/lib/administration/procedures/discard-draft-version';
import { publishDraftVersion } from '@/lib/administration/procedures/publish-draft-version';
import { replaceDraftDefinition } from '@/lib/administration/procedures/replace-draft-definition';
import {
  archiveSchema,
  restoreSchema,
  catalogueEntrySchema,
  definitionJsonSchema,
  presentationSchema,
  readStatusesForm,
  readStepTextsForm,
  statusesFieldName,
  statusesFormSchema,
  stepTextsFieldName,
  stepTextsSchema,
  versionActionSchema,
  fieldFormSchema,
  readFieldForm,
  readStepsForm,
  stepsFieldName,
  stepsFormSchema,
} from '@/lib/administration/procedures/schemas';
import { updateCatalogueEntry } from '@/lib/administration/procedures/update-catalogue-entry';
import { updateDraftPresentation } from '@/lib/administration/procedures/update-draft-presentation';
import { updateDraftStatuses } from '@/lib/administration/procedures/update-draft-statuses';
import { updateDraftStep } from '@/lib/administration/procedures/update-draft-step';
import { updateDraftField } from '@/lib/administration/procedures/update-draft-field';
import { updateDraftSteps } from '@/lib/administration/procedures/update-draft-steps';
import { NOT_FOUND_MESSAGE, procedureFailure, type SavedPart } from '../messages';

/**
 * After a save the page is shown again from the database (a redirect, with or without
 * JavaScript): every form then shows the saved definition and its new revision, none keeps an
 * older copy (issue 11: a JSON box that still showed the old definition erased two edits).
 * `part` names the flash message (savedMessages) and the section to come back to.
 */
function saved(procedureId: string, version: number, part: SavedPart, anchor: string = part): never {
  revalidatePath(`/admin/demarches/${procedureId}`);
  revalidatePath('/admin/demarches');
  redirect(`/admin/demarches/${procedureId}?enregistre=${part}&version=${version}#${anchor}`);
}

/** After a failure the form shows what was typed, not the stored values. */
function withValues(failure: ActionFailure, formData: FormData): ActionResult {
  return { ...failure, values: echoAllValues(formData) };
}

const EDIT = { kind: 'edit' } as const;

export const updateCatalogueEntryAction = adminAction(catalogueEntrySchema, async (input, user, formData) => {
  const result = await updateCatalogueEntry(await getDb(), user, input);
  if (!result.ok) return { ok: false, formError: NOT_FOUND_MESSAGE, values: echoAllValues(formData) };
  revalidatePath(`/admin/demarches/${input.procedureId}`);
  revalidatePath('/admin/demarches');
  return { ok: true, message: 'La fiche du catalogue est enregistrée : elle est déjà visible des usagers si la démarche est publiée.' };
});

export const updatePresentationAction = adminAction(presentationSchema, async (input, user, formData) => {
  const outcome = await updateDraftPresentation(await getDb(), user, input);
  if (!outcome.ok) return withValues(procedureFailure(outcome, EDIT), formData);
  return saved(input.procedureId, outcome.version, 'presentation');
});

export const updateStatusesAction = adminAction(
  statusesFormSchema,
  async (input, user, formData) => {
    const result = await updateDraftStatuses(await getDb(), user, input);
    if (!result.ok) return withValues(procedureFailure(result, EDIT), formData);
    return saved(input.procedureId, result.data!.version, 'statuts');
  },
  { read: readStatusesForm, fieldName: statusesFieldName },
);

export const updateStepAction = adminAction(
  stepTextsSchema,
  async (input, user, formData) => {
    const result = await updateDraftStep(await getDb(), user, input);
    if (!result.ok) return withValues(procedureFailure(result, EDIT), formData);
    return saved(input.procedureId, result.data!.version, 'etape', `etape-${input.stepKey}`);
  },
  { read: readStepTextsForm, fieldName: stepTextsFieldName },
);

export const updateStepsAction = adminAction(
  stepsFormSchema,
  async (input, user, formData) => {
    const result = await updateDraftSteps(await getDb(), user, input);
    if (!result.ok) return withValues(procedureFailure(result, EDIT), formData);
    return saved(input.procedureId, result.data!.version, 'etapes');
  },
  { read: readStepsForm, fieldName: stepsFieldName },
);

export const updateFieldAction = adminAction(
  fieldFormSchema,
  async (input, user, formData) => {
    const result = await updateDraftField(await getDb(), user, input);
    if (!result.ok) return withValues(procedureFailure(result, EDIT), formData);
    return saved(input.procedureId, result.data!.version, 'champ', `champ-${input.fieldKey}`);
  },
  { read: readFieldForm, fieldName: (path) => (path[0] === 'settings' ? String(path[1]) : String(path[0] ?? 'form')) },
);

export const replaceDefinitionAction = adminAction(definitionJsonSchema, async (input, user, formData) => {
  const result = await replaceDraftDefinition(await getDb(), user, input);
  if (!result.ok) return withValues(procedureFailure(result, { kind: 'edit', invalidField: 'definition' }), formData);
  return saved(input.procedureId, result.data!.version, 'json');
});

export const publishAction = adminAction(versionActionSchema, async (input, user) => {
  const result = await publishDraftVersion(await getDb(), user, input);
  if (!result.ok) return procedureFailure(result, { kind: 'publish' });
  revalidatePath(`/admin/demarches/${input.procedureId}`);
  revalidatePath('/admin/demarches');
  revalidatePath('/demarches');
  // The publish button disappears with the draft: the confirmation is a flash message of the page.
  redirect(`/admin/demarches/${input.procedureId}?publiee=${result.data!.version}`);
});

export const discardAction = adminAction(versionActionSchema, async (input, user) => {
  const result = await discardDraftVersion(await getDb(), user, input);
  if (!result.ok) return procedureFailure(result, { kind: 'discard' });
  revalidatePath(`/admin/demarches/${input.procedureId}`);
  revalidatePath('/admin/demarches');
  redirect(`/admin/demarches/${input.procedureId}?abandonnee=1`);
});

/** Where the catalogue shows the procedure (or no longer does): every page that lists or offers it. */
function revalidateCatalogue(procedureId: string) {
  revalidatePath(`/admin/demarches/${procedureId}`);
  revalidatePath('/admin/demarches');
  revalidatePath('/demarches', 'layout');
  revalidatePath('/');
}

export const archiveAction = adminAction(archiveSchema, async (input, user) => {
  const result = await archiveProcedure(await getDb(), user, input);
  if (!result.ok) return { ok: false, formError: NOT_FOUND_MESSAGE };
  revalidateCatalogue(input.procedureId);
  redirect(`/admin/demarches/${input.procedureId}?archivee=1#catalogue`);
});

export const restoreAction = adminAction(restoreSchema, async (input, user) => {
  const result = await restoreProcedure(await getDb(), user, input);
  if (!result.ok) return { ok: false, formError: NOT_FOUND_MESSAGE };
  revalidateCatalogue(input.procedureId);
  redirect(`/admin/demarches/${input.procedureId}?remise=1#catalogue`);
});
