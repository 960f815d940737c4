import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Alert, Breadcrumbs, Button, PageHeader } from '@/components/ui';
import { requireCitizen } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { formatDateTime } from '@/lib/common/dates';
import { findDraft } from '@/lib/dossiers/find-draft';
import { deleteDraftAction } from '../../actions';

export const metadata: Metadata = { title: 'Supprimer un brouillon' };

type Props = { params: Promise<{ id: string }> };

export default async function DeleteDraftPage({ params }: Props) {
  const { id } = await params;
  const user = await requireCitizen(`/brouillons/${encodeURIComponent(id)}/supprimer`);
  // Someone else's draft, a submitted dossier or an unknown id: the same 404.
  const draft = await findDraft(await getDb(), user.id, id);
  if (!draft) notFound();
  return (
    <>
      <Breadcrumbs items={[{ label: 'Accueil', href: '/' }, { label: 'Mes brouillons', href: '/brouillons' }, { label: 'Supprimer un brouillon' }]} />
      <div className="max-w-2xl">
        <PageHeader title="Supprimer ce brouillon ?" />
        <dl className="mb-6 grid gap-x-4 gap-y-1 sm:grid-cols-[12rem_minmax(0,1fr)]">
          <dt className="text-ink-muted">Démarche</dt>
          <dd className="break-words">{draft.procedure.title}</dd>
          <dt className="text-ink-muted">Pour</dt>
          <dd className="break-words">{draft.beneficiaryLabel}</dd>
          <dt className="text-ink-muted">Enregistré le</dt>
          <dd>{formatDateTime(draft.updatedAt)}</dd>
        </dl>
        <Alert tone="warning" title="La suppression est définitive">
          <p>Les réponses saisies dans ce brouillon seront effacées. Vos autres brouillons et vos demandes envoyées ne changent pas.</p>
        </Alert>
        <form action={deleteDraftAction} className="flex flex-wrap items-center gap-x-6 gap-y-4">
          <input type="hidden" name="id" value={draft.id} />
          <Button variant="danger">Oui, supprimer ce brouillon</Button>
          <Link href="/brouillons">Non, garder ce brouillon</Link>
        </form>
      </div>
    </>
  );
}
