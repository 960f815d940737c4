import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AnswersReview } from '@/components/forms/answers-review';
import { PageHeader } from '@/components/ui';
import { requireAdmin } from '@/lib/auth/guards';
import { PREVIEW_IDENTITY, previewPrefill } from '@/lib/administration/procedures/preview';
import { loadPreview } from '../load-preview';
import { previewPath, readPreviewAnswers } from '../preview-answers';
import { PreviewTop } from '../preview-banner';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const procedure = await loadPreview((await params).id);
  return { title: procedure ? `Aperçu — Vérifiez vos réponses — ${procedure.title}` : 'Page introuvable' };
}

/** The end of the preview: "Vérifiez vos réponses" as the citizen sees it, without the submission. */
export default async function PreviewRecapPage({ params }: Props) {
  const { id } = await params;
  await requireAdmin(`/admin/demarches/${id}/apercu/recapitulatif`);
  const procedure = await loadPreview(id);
  if (!procedure) notFound();
  const { definition, revision, version, isDraft } = procedure.working;
  const answers = { ...previewPrefill(definition), ...(await readPreviewAnswers(procedure.id, revision, definition)) };
  const { firstNames, birthName } = PREVIEW_IDENTITY.profile;
  return (
    <>
      <PreviewTop procedure={procedure} version={version} isDraft={isDraft} />
      <PageHeader title="Vérifiez vos réponses" lead={`${procedure.title} — pour ${firstNames} ${birthName}`} />
      <div className="max-w-4xl">
        <AnswersReview basePath={previewPath(procedure.id)} definition={definition} answers={answers} />
        <section aria-labelledby="fin-apercu" className="mt-12 border-t-4 border-primary pt-6">
          <h2 id="fin-apercu" className="mb-4 text-2xl font-bold">
            Fin de l’aperçu
          </h2>
          <p className="mb-6 max-w-2xl">
            Ici, l’usager certifie l’exactitude de ses réponses et dépose sa demande : il reçoit un numéro de dossier et un récépissé par courriel. Dans l’aperçu, rien n’est déposé.
          </p>
          <p>
            <Link href={`/admin/demarches/${procedure.id}`}>Retour à l’éditeur</Link>
          </p>
        </section>
      </div>
    </>
  );
}
