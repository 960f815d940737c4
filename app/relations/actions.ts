'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { citizenAction } from '@/lib/actions/define-action';
import { safeCallbackPath } from '@/lib/auth/guards';
import { echoValues, type ActionResult } from '@/lib/actions/result';
import { getDb } from '@/lib/db';
import { removeDraftFiles } from '@/lib/dossiers/delete-draft';
import { createRelation, deleteRelation, updateRelation } from '@/lib/relations/relations';
import { deleteRelationSchema, organisationRelationSchema, personRelationSchema, type RelationInput } from '@/lib/relations/schemas';
import { getBlobStore } from '@/lib/storage';

// Someone else's relation and a deleted one get the same answer.
const NOT_FOUND_MESSAGE = 'Cette relation est introuvable : elle a peut-être déjà été supprimée. Revenez à la liste de vos relations.';
const DRAFTS_CHANGED_MESSAGE =
  'Les brouillons qui utilisent cette relation ont changé depuis l’affichage de cette page. Rien n’a été supprimé : vérifiez ce qui est indiqué ci-dessous, puis confirmez à nouveau.';

/** Back where "Ajouter une relation" was chosen (the start of a procedure), else the list. Same site only. */
const afterAdding = (formData: FormData) => safeCallbackPath(formData.get('retour'), '/relations?ajout=1');

export const createPerson = citizenAction(personRelationSchema, async (input, user, formData) => {
  await createRelation(await getDb(), user.id, { kind: 'person', ...input });
  revalidatePath('/relations');
  redirect(afterAdding(formData));
});

export const createOrganisation = citizenAction(organisationRelationSchema, async (input, user, formData) => {
  await createRelation(await getDb(), user.id, { kind: 'organisation', ...input });
  revalidatePath('/relations');
  redirect(afterAdding(formData));
});

async function saveChanges(ownerId: string, input: RelationInput, formData: FormData): Promise<ActionResult> {
  const id = String(formData.get('id') ?? '');
  if (!(await updateRelation(await getDb(), ownerId, id, input))) return { ok: false, formError: NOT_FOUND_MESSAGE, values: echoValues(formData) };
  revalidatePath('/relations');
  redirect('/relations?modification=1');
}

export const updatePerson = citizenAction(personRelationSchema, (input, user, formData) => saveChanges(user.id, { kind: 'person', ...input }, formData));

export const updateOrganisation = citizenAction(organisationRelationSchema, (input, user, formData) =>
  saveChanges(user.id, { kind: 'organisation', ...input }, formData),
);

export const removeRelation = citizenAction(deleteRelationSchema, async (input, user) => {
  const result = await deleteRelation(await getDb(), user.id, input.id, { confirmedDraftIds: input.drafts });
  if (!result.ok) {
    // The confirmation page is rendered again with the current drafts.
    revalidatePath(`/relations/${input.id}/supprimer`);
    return { ok: false, formError: result.reason === 'not-found' ? NOT_FOUND_MESSAGE : DRAFTS_CHANGED_MESSAGE };
  }
  await removeDraftFiles(getBlobStore(), result.deletedDraftIds, 'relations');
  revalidatePath('/relations');
  redirect('/relations?suppression=1');
});
