import type { Metadata } from 'next';
import Link from 'next/link';
import { Button, PageHeader, Pagination, StatusTag } from '@/components/ui';
import { listDossiersInScope, listProceduresInScope, listStatusOptions } from '@/lib/processing/queries';
import { dossierListQuerySchema, type DossierListQuery } from '@/lib/processing/schemas';
import { requireAgent } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { formatDay } from '@/lib/common/dates';
import { AdminNav } from '@/components/layout/back-office-nav';
import { countUnreadDossiers } from '@/lib/processing/unread';
import { QueueLiveUpdates } from '@/components/processing/queue-live-updates';

export const metadata: Metadata = { title: 'Dossiers à traiter' };
export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function listHref(query: DossierListQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.procedure) params.set('procedure', query.procedure);
  if (query.status) params.set('status', query.status);
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return search ? `/admin?${search}` : '/admin';
}

const selectClass = 'block min-h-11 w-full max-w-xs border-2 border-ink-muted bg-white px-3 py-2';

export default async function BackOfficeHomePage({ searchParams }: Props) {
  const user = await requireAgent('/admin');
  const db = await getDb();
  const query = dossierListQuerySchema.parse(await searchParams);
  const procedures = await listProceduresInScope(db, user);
  // A procedure outside the agent's scope in the URL simply filters nothing in.
  const statusOptions = await listStatusOptions(db, query.procedure ? [query.procedure].filter((id) => procedures.some((p) => p.id === id)) : procedures.map((p) => p.id));
  const result = await listDossiersInScope(db, user, query);
  const filtered = !!(query.procedure || query.status);

  return (
    <>
      <AdminNav isAdmin={user.role === 'admin'} unread={await countUnreadDossiers(db, user)} />
      <QueueLiveUpdates />
      <PageHeader
        title="Dossiers à traiter"
        lead={user.role === 'admin' ? 'Les demandes déposées sur toutes les démarches, les plus récentes en premier.' : 'Les demandes déposées sur les démarches qui vous sont confiées, les plus récentes en premier.'}
      />

      {procedures.length === 0 ? (
        <p className="max-w-2xl">Aucune démarche ne vous est confiée pour le moment. Un administrateur peut vous en attribuer.</p>
      ) : (
        <form method="get" action="/admin" className="mb-8 flex flex-wrap items-end gap-4 bg-surface p-4" aria-label="Filtrer les dossiers">
          <div>
            <label htmlFor="procedure" className="mb-1 block font-medium">
              Démarche
            </label>
            <select id="procedure" name="procedure" defaultValue={query.procedure ?? ''} className={selectClass}>
              <option value="">Toutes les démarches</option>
              {procedures.map((procedure) => (
                <option key={procedure.id} value={procedure.id}>
                  {procedure.title}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="status" className="mb-1 block font-medium">
              Statut
            </label>
            <select id="status" name="status" defaultValue={query.status ?? ''} className={selectClass}>
              <option value="">Tous les statuts</option>
              {statusOptions.map((status) => (
                <option key={status.key} value={status.key}>
                  {status.label}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" variant="secondary">
            Filtrer
          </Button>
          {filtered ? (
            <Link href="/admin" className="inline-flex min-h-11 items-center">
              Effacer les filtres
            </Link>
          ) : null}
        </form>
      )}

      <p role="status" className="mb-4">
        {result.total === 0
          ? filtered
            ? 'Aucun dossier ne correspond à ces filtres.'
            : 'Aucun dossier déposé pour le moment.'
          : `${result.total} dossier${result.total > 1 ? 's' : ''}${filtered ? ' correspondant aux filtres' : ''}, page ${result.page} sur ${result.pageCount}.`}
      </p>

      {result.items.length > 0 ? (
        <ul className="max-w-4xl">
          {result.items.map((dossier) => (
            <li key={dossier.id} className="border-b border-line py-5">
              <h2 className="break-words text-xl font-bold">
                <Link href={`/admin/dossiers/${dossier.id}`}>
                  Dossier n° {dossier.number}
                  <span className="sr-only"> — {dossier.procedureTitle}</span>
                </Link>
              </h2>
              <p className="mt-2 flex flex-wrap gap-2">
                <span className="sr-only">Statut : </span>
                <StatusTag tone={dossier.status.tone} label={dossier.status.label} />
                {dossier.unreadMessages > 0 ? (
                  <StatusTag tone="info" label={dossier.unreadMessages > 1 ? `${dossier.unreadMessages} nouveaux messages de l’usager` : 'Nouveau message de l’usager'} />
                ) : null}
                {dossier.unreadSince ? <StatusTag tone="warning" label="Réponse non lue" /> : null}
              </p>
              <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[12rem_minmax(0,1fr)]">
                <dt className="text-ink-muted">Démarche</dt>
                <dd className="break-words">{dossier.procedureTitle}</dd>
                <dt className="text-ink-muted">Bénéficiaire</dt>
                <dd className="break-words">{dossier.beneficiaryLabel}</dd>
                <dt className="text-ink-muted">Déposé le</dt>
                <dd>{formatDay(dossier.submittedAt)}</dd>
              </dl>
            </li>
          ))}
        </ul>
      ) : null}

      <Pagination page={result.page} pageCount={result.pageCount} hrefForPage={(page) => listHref(query, page)} />
    </>
  );
}
