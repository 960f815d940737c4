'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { citizenAction } from '@/lib/actions/define-action';
import { echoValues } from '@/lib/actions/result';
import { getDb } from '@/lib/db';
import { addLockerDocument, deleteLockerDocument, renameLockerDocument } from '@/lib/documents/locker';
import { addDocumentSchema, deleteDocumentSchema, renameDocumentSchema } from '@/lib/documents/schemas';
import { screenUpload } from '@/lib/documents/screen-upload';
import { getBlobStore } from '@/lib/storage';

// Someone else's document and a deleted one get the same answer.
const NOT_FOUND_MESSAGE = 'Ce document est introuvable : il a peut-être déjà été supprimé. Revenez à votre porte-documents.';

export const addDocument = citizenAction(addDocumentSchema, async (input, user, formData) => {
  const checked = await screenUpload(input.file);
  if (!checked.ok) return { ok: false, fieldErrors: { file: [checked.message] }, values: echoValues(formData) };
  const added = await addLockerDocument(await getDb(), getBlobStore(), user.id, { title: input.title, upload: checked, details: { kind: input.kind, issuedOn: input.issuedOn, expiresOn: input.expiresOn } });
  if (!added.ok) return { ok: false, fieldErrors: { file: [added.message] }, values: echoValues(formData) };
  revalidatePath('/porte-documents');
  redirect('/porte-documents?ajout=1');
});

export const renameDocument = citizenAction(renameDocumentSchema, async (input, user, formData) => {
  if (!(await renameLockerDocument(await getDb(), user.id, input.id, input.title, { kind: input.kind, issuedOn: input.issuedOn, expiresOn: input.expiresOn }))) {
    return { ok: false, formError: NOT_FOUND_MESSAGE, values: echoValues(formData) };
  }
  revalidatePath('/porte-documents');
  redirect('/porte-documents?modification=1');
});

export const removeDocument = citizenAction(deleteDocumentSchema, async (input, user) => {
  if (!(await deleteLockerDocument(await getDb(), getBlobStore(), user.id, input.id))) return { ok: false, formError: NOT_FOUND_MESSAGE };
  revalidatePath('/porte-documents');
  redirect('/porte-documents?suppression=1');
});
