import type { Metadata } from 'next';
import Link from 'next/link';
import { FlashMessage } from '@/components/account/flash-message';
import { Breadcrumbs, Button, PageHeader, StatusTag } from '@/components/ui';
import { requireCitizen } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { formatDateTime } from '@/lib/common/dates';
import { listDrafts, type DraftSummary } from '@/lib/dossiers/list-drafts';
import { resumePath } from '@/lib/dossiers/progress';

export const metadata: Metadata = { title: 'Mes brouillons' };

type Props = { searchParams: Promise<{ supprime?: string | string[] }> };

export default async function DraftsPage({ searchParams }: Props) {
  const user = await requireCitizen('/brouillons');
  const drafts = await listDrafts(await getDb(), user.id);
  const { supprime } = await searchParams;
  return (
    <>
      <Breadcrumbs items={[{ label: 'Accueil', href: '/' }, { label: 'Mes brouillons' }]} />
      {supprime ? <FlashMessage message="Le brouillon a été supprimé." /> : null}
      <PageHeader
        title="Mes brouillons"
        lead="Les démarches commencées et pas encore envoyées. Vos réponses sont enregistrées au fur et à mesure : reprenez-les quand vous voulez."
      />
      {drafts.length === 0 ? (
        <div className="max-w-2xl">
          <p className="mb-6">Vous n’avez aucun brouillon en cours.</p>
          <Button as="link" href="/demarches">
            Commencer une démarche
          </Button>
        </div>
      ) : (
        <ul className="max-w-3xl">
          {drafts.map((draft) => (
            <DraftItem key={draft.id} draft={draft} />
          ))}
        </ul>
      )}
    </>
  );
}

function DraftItem({ draft }: { draft: DraftSummary }) {
  const { complete, total } = draft.progress;
  const done = complete === total;
  return (
    <li className="border-b border-line py-5">
      <h2 className="break-words text-xl font-bold">{draft.procedure.title}</h2>
      <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[12rem_minmax(0,1fr)]">
        <dt className="text-ink-muted">Pour</dt>
        <dd className="break-words">{draft.beneficiaryLabel}</dd>
        <dt className="text-ink-muted">Enregistré le</dt>
        <dd>{formatDateTime(draft.updatedAt)}</dd>
        <dt className="text-ink-muted">Avancement</dt>
        <dd>
          <StatusTag tone={done ? 'success' : complete > 0 ? 'progress' : 'neutral'} label={`${complete} ${complete > 1 ? 'étapes complètes' : 'étape complète'} sur ${total}`} />
        </dd>
      </dl>
      <p className="mt-3 flex flex-wrap items-center gap-x-6 gap-y-2">
        <Button as="link" href={resumePath(draft.id, draft.progress)}>
          {done ? 'Vérifier et envoyer' : 'Reprendre'}
          <span className="sr-only"> : {draft.procedure.title}, pour {draft.beneficiaryLabel}</span>
        </Button>
        <Link href={`/brouillons/${draft.id}/supprimer`}>
          Supprimer<span className="sr-only"> le brouillon {draft.procedure.title}, pour {draft.beneficiaryLabel}</span>
        </Link>
      </p>
    </li>
  );
}
