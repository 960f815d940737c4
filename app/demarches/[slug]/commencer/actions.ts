'use server';

import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { createDraft } from '@/lib/dossiers/create-draft';
import { findDraftsOfProcedure } from '@/lib/dossiers/find-draft';
import { getPublishedProcedureBySlug } from '@/lib/procedures/catalogue';
import { decodeBeneficiary, encodeBeneficiary } from './beneficiary-param';

const SLUG = /^[a-z0-9-]{1,120}$/;

/**
 * "Commencer" (the procedure page) and "Continuer" / "Commencer un nouveau brouillon" (the
 * beneficiary page). Plain form posts, so they work without JavaScript. Creates the draft at once
 * when there is nothing to ask; otherwise sends the citizen to the question.
 */
export async function startProcedure(formData: FormData): Promise<void> {
  const slug = String(formData.get('slug') ?? '');
  if (!SLUG.test(slug)) redirect('/demarches');
  const startPath = `/demarches/${slug}/commencer`;
  const user = await getCurrentUser();
  if (!user) redirect(`/connexion?callbackUrl=${encodeURIComponent(`/demarches/${slug}`)}`);

  const db = await getDb();
  const procedure = await getPublishedProcedureBySlug(db, slug);
  if (!procedure) redirect('/demarches');
  const selfOnly = procedure.beneficiaries.length === 1 && procedure.beneficiaries[0] === 'self';
  const beneficiary = selfOnly ? ({ kind: 'self' } as const) : decodeBeneficiary(formData.get('beneficiaire'));
  // Sent from the question without a choice: say so; from the procedure page: ask the question.
  if (!beneficiary) redirect(formData.get('question') === '1' ? `${startPath}?erreur=choix` : startPath);

  // A draft for the same beneficiary already exists: offer to resume it before making another.
  if (formData.get('nouveau') !== '1') {
    const existing = await findDraftsOfProcedure(db, user.id, slug, beneficiary);
    if (existing.length > 0) redirect(`${startPath}?beneficiaire=${encodeURIComponent(encodeBeneficiary(beneficiary))}`);
  }

  const created = await createDraft(db, user, { procedureSlug: slug, beneficiary });
  if (!created.ok) redirect(created.reason === 'not-found' && selfOnly ? '/demarches' : `${startPath}?erreur=choix`);
  redirect(`/brouillons/${created.id}/${created.firstStepKey}`);
}
