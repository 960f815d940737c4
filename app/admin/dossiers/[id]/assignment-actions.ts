'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { defineFormPost, signInPath } from '@/lib/actions/define-action';
import { assignDossier, takeDossier, unassignDossier, type AssignResult } from '@/lib/processing/assignment';
import { UUID_PATTERN } from '@/lib/common/uuid';
import { getDb } from '@/lib/db';

// Take, assign and unassign: plain form posts ending in a redirect back to the dossier. Out of
// scope and unknown ids are the same 404 as the page.

const dossierOnly = z.object({ dossierId: z.string().regex(UUID_PATTERN) });
const dossierAndAgent = dossierOnly.extend({ agentId: z.string().regex(UUID_PATTERN) });

function backTo(dossierId: string, result: AssignResult, done: string): never {
  if (!result.ok && result.reason === 'not-found') redirect(`/admin/dossiers/${dossierId}`);
  revalidatePath(`/admin/dossiers/${dossierId}`);
  revalidatePath('/admin');
  redirect(`/admin/dossiers/${dossierId}?attribution=${result.ok ? done : 'refusee'}#attribution`);
}

const options = <S extends z.ZodType>(schema: S) => ({
  role: 'back-office' as const,
  schema,
  signedOut: (input: z.output<S>) => signInPath(`/admin/dossiers/${(input as { dossierId: string }).dossierId}`),
});

export const takeDossierAction = defineFormPost(options(dossierOnly), async (input, user) => {
  backTo(input.dossierId, await takeDossier({ db: await getDb() }, user!, input.dossierId), 'prise');
});

export const assignDossierAction = defineFormPost(options(dossierAndAgent), async (input, user) => {
  backTo(input.dossierId, await assignDossier({ db: await getDb() }, user!, input.dossierId, input.agentId), 'attribuee');
});

export const unassignDossierAction = defineFormPost(options(dossierOnly), async (input, user) => {
  backTo(input.dossierId, await unassignDossier({ db: await getDb() }, user!, input.dossierId), 'retiree');
});
