'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { defineFormPost } from '@/lib/actions/define-action';
import { getDb } from '@/lib/db';
import { createDraft } from '@/lib/dossiers/create-draft';
import { findDraftsOfProcedure } from '@/lib/dossiers/find-draft';
import { getPublishedProcedureBySlug } from '@/lib/procedures/catalogue';
import { decodeBeneficiary, encodeBeneficiary } from './beneficiary-param';

const startSchema = z.object({
  slug: z.string().regex(/^[a-z0-9-]{1,120}$/),
  beneficiaire: z.unknown().optional(),
  question: z.unknown().optional(),
  nouveau: z.unknown().optional(),
});

/**
 * "Commencer" (the procedure page) and "Continuer" / "Commencer un nouveau brouillon" (the
 * beneficiary page). Plain form posts, so they work without JavaScript. Creates the draft at once
 * when there is nothing to ask; otherwise sends the citizen to the question.
 */
export const startProcedure = defineFormPost(
  {
    role: 'citizen',
    schema: startSchema,
    invalid: () => redirect('/demarches'),
    signedOut: ({ slug }) => `/connexion?callbackUrl=${encodeURIComponent(`/demarches/${slug}`)}`,
  },
  async (input, user) => {
    const { slug } = input;
    const startPath = `/demarches/${slug}/commencer`;
    const db = await getDb();
    const procedure = await getPublishedProcedureBySlug(db, slug);
    if (!procedure) redirect('/demarches');
    // Archived: the procedure page says it is no longer offered (createDraft refuses it too).
    if (procedure.archived) redirect(`/demarches/${slug}`);
    const selfOnly = procedure.beneficiaries.length === 1 && procedure.beneficiaries[0] === 'self';
    const beneficiary = selfOnly ? ({ kind: 'self' } as const) : decodeBeneficiary(input.beneficiaire);
    // Sent from the question without a choice: say so; from the procedure page: ask the question.
    if (!beneficiary) redirect(input.question === '1' ? `${startPath}?erreur=choix` : startPath);

    // A draft for the same beneficiary already exists: offer to resume it before making another.
    if (input.nouveau !== '1') {
      const existing = await findDraftsOfProcedure(db, user.id, slug, beneficiary);
      if (existing.length > 0) redirect(`${startPath}?beneficiaire=${encodeURIComponent(encodeBeneficiary(beneficiary))}`);
    }

    const created = await createDraft(db, user, { procedureSlug: slug, beneficiary });
    // Closed (or not yet open): the procedure page says so and offers no "Commencer".
    if (!created.ok && (created.reason === 'closed' || created.reason === 'archived')) redirect(`/demarches/${slug}`);
    if (!created.ok) redirect(created.reason === 'not-found' && selfOnly ? '/demarches' : `${startPath}?erreur=choix`);
    redirect(`/brouillons/${created.id}/${created.firstStepKey}`);
  },
);
