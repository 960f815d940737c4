import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { AnswersReview } from '@/components/forms/answers-review';
import { SubmitDossierForm } from '@/components/forms/submit-dossier-form';
import { Breadcrumbs, PageHeader } from '@/components/ui';
import { requireCitizen } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { attachmentFilenames } from '@/lib/documents/attachments';
import { findDraft } from '@/lib/dossiers';
import { ClosingNotice } from '@/components/dossiers/closing-notice';
import { submitDraft } from './actions';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

const loadDraft = cache(async (id: string) => {
  const user = await requireCitizen(`/brouillons/${id}/recapitulatif`);
  return findDraft(await getDb(), user.id, id);
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const draft = await loadDraft((await params).id);
  return { title: draft ? `Vérifiez vos réponses — ${draft.procedure.title}` : 'Page introuvable' };
}

export default async function DraftRecapPage({ params }: Props) {
  const draft = await loadDraft((await params).id);
  if (!draft) notFound();
  const user = await requireCitizen(`/brouillons/${draft.id}/recapitulatif`);
  const fileNames = await attachmentFilenames(await getDb(), user.id, draft.id);
  return (
    <>
      <Breadcrumbs items={[{ label: 'Accueil', href: '/' }, { label: 'Mes brouillons', href: '/brouillons' }, { label: draft.procedure.title }]} />
      <PageHeader title="Vérifiez vos réponses" lead={`${draft.procedure.title} — pour ${draft.beneficiaryLabel}`} />
      <ClosingNotice opening={draft.procedure.opening} archived={draft.procedure.archived} />
      <div className="max-w-4xl">
        <AnswersReview basePath={`/brouillons/${draft.id}`} definition={draft.definition} answers={draft.data} fileNames={fileNames} />
        <section aria-labelledby="depot-titre" className="mt-12 border-t-4 border-primary pt-6">
          <h2 id="depot-titre" className="mb-4 text-2xl font-bold">
            Déposer votre demande
          </h2>
          <p className="mb-6 max-w-2xl">
            Une fois déposée, votre demande ne peut plus être modifiée. Vous recevrez un numéro de dossier et un récépissé par courriel.
          </p>
          <SubmitDossierForm action={submitDraft} dossierId={draft.id} baseVersion={draft.version} />
        </section>
      </div>
    </>
  );
}
