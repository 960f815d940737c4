import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumbs, Button, PageHeader, StatusTag } from '@/components/ui';
import { requireCitizen } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { formatDay } from '@/lib/common/dates';
import { listSubmittedDossiers } from '@/lib/dossiers/submitted';
import { listDossierIdsToComplete } from '@/lib/completions/queries';

export const metadata: Metadata = { title: 'Mes demandes' };

export default async function RequestsPage() {
  const user = await requireCitizen('/demandes');
  const db = await getDb();
  const [requests, toComplete] = await Promise.all([listSubmittedDossiers(db, user.id), listDossierIdsToComplete(db, user.id)]);
  return (
    <>
      <Breadcrumbs items={[{ label: 'Accueil', href: '/' }, { label: 'Mes demandes' }]} />
      <PageHeader title="Mes demandes" lead="Les démarches que vous avez envoyées, avec leur statut actuel." />
      {requests.length === 0 ? (
        <div className="max-w-2xl">
          <p className="mb-6">
            Vous n’avez envoyé aucune demande pour le moment. Les démarches commencées se trouvent dans <Link href="/brouillons">Mes brouillons</Link>.
          </p>
          <Button as="link" href="/demarches">
            Commencer une démarche
          </Button>
        </div>
      ) : (
        <ul className="max-w-3xl">
          {requests.map((request) => (
            <li key={request.id} className="border-b border-line py-5">
              <h2 className="break-words text-xl font-bold">
                <Link href={`/demandes/${request.id}`}>
                  {request.procedure.title}
                  <span className="sr-only">, demande n° {request.number}</span>
                </Link>
              </h2>
              <p className="mt-2">
                <span className="sr-only">Statut : </span>
                <StatusTag tone={request.status.tone} label={request.status.label} />
                {toComplete.has(request.id) ? <StatusTag tone="warning" label="À compléter" className="ml-2" /> : null}
              </p>
              <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[12rem_minmax(0,1fr)]">
                <dt className="text-ink-muted">Numéro</dt>
                <dd>{request.number}</dd>
                <dt className="text-ink-muted">Déposée le</dt>
                <dd>{formatDay(request.submittedAt)}</dd>
                <dt className="text-ink-muted">Pour</dt>
                <dd className="break-words">{request.beneficiaryLabel}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
