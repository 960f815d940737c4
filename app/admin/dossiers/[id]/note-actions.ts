'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { echoValues, type ActionResult } from '@/lib/actions/result';
import { agentAction } from '@/lib/actions/define-action';
import { getDb } from '@/lib/db';
import { addPrivateNote } from '@/lib/processing/notes';
import { privateNoteSchema } from '@/lib/processing/schemas';

// Out of scope, a draft and an unknown id get the same answer (the page itself answers 404).
const NOT_FOUND_MESSAGE = 'Ce dossier est introuvable ou ne fait pas partie des démarches qui vous sont confiées.';

export const addNoteAction = agentAction(privateNoteSchema, async (input, user, formData): Promise<ActionResult> => {
  const dossierId = String(formData.get('dossierId') ?? '');
  const result = await addPrivateNote(await getDb(), user, dossierId, input.body);
  if (!result.ok) return { ok: false, formError: NOT_FOUND_MESSAGE, values: echoValues(formData) };
  revalidatePath(`/admin/dossiers/${dossierId}`);
  redirect(`/admin/dossiers/${dossierId}?fait=note#notes`);
});
