import type { Metadata } from 'next';
import Link from 'next/link';
import { Alert, Button, PageHeader } from '@/components/ui';
import { listProceduresInScope, listStatusOptions } from '@/lib/processing/queries';
import { formatCount } from '@/lib/processing/count-cap';
import { listQueuePage } from '@/lib/processing/queue';
import { countQueue } from '@/lib/processing/queue-counts';
import { queueHref, queueSearchParams } from '@/lib/processing/queue-params';
import { dossierNumberIn } from '@/lib/processing/search';
import { dossierListQuerySchema } from '@/lib/processing/schemas';
import { findTombstonesByNumber } from '@/lib/processing/tombstones';
import { requireAgent } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { bulkStatusAction } from './actions';
import { BulkStatusForm } from './queue-forms';
import { QueueList, TombstoneList } from './queue-list';
import { QueueLiveUpdates } from '@/components/processing/queue-live-updates';

export const metadata: Metadata = { title: 'Dossiers à traiter' };
export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const controlClass = 'block min-h-11 w-full border-2 border-ink-muted bg-white px-3 py-2';

const sortOptions = [
  { value: 'depot', label: 'Déposés le plus récemment' },
  { value: 'anciens', label: 'Déposés depuis le plus longtemps' },
  { value: 'activite', label: 'Dernière activité' },
];

function plural(n: number, word: string): string {
  return `${n} ${word}${n > 1 ? 's' : ''}`;
}

/** "3 dossiers", or "Plus de 1 000 dossiers" when a filtered count stopped at the cap (decision 022). */
function dossierCount(n: number): string {
  const text = `${formatCount(n)} dossier${n > 1 ? 's' : ''}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export default async function BackOfficeHomePage({ searchParams }: Props) {
  const user = await requireAgent('/admin');
  const scopeUser = { id: user.id, role: user.role };
  const db = await getDb();
  const raw = await searchParams;
  const parsed = dossierListQuerySchema.parse(raw);
  const procedures = await listProceduresInScope(db, scopeUser);
  // A procedure outside the agent's scope in the URL filters nothing in (and offers no statuses).
  const chosen = procedures.find((p) => p.id === parsed.procedure);
  const query = { ...parsed, status: chosen ? parsed.status : undefined };
  const statusOptions = chosen ? await listStatusOptions(db, [chosen.id]) : [];
  const number = query.q ? dossierNumberIn(query.q) : null;
  const [page, counts, tombstones] = await Promise.all([
    listQueuePage(db, scopeUser, query),
    countQueue(db, scopeUser, query),
    number ? findTombstonesByNumber(db, scopeUser, number) : Promise.resolve([]),
  ]);
  const filtered = !!(query.q || query.procedure || query.du || query.au || query.attribution || query.nonlu);
  const bulkDone = raw.fait === 'lot' && typeof raw.nombre === 'string' && /^\d{1,3}$/.test(raw.nombre) ? Number(raw.nombre) : null;
  const countOf = (key: string) => counts.byStatus?.[key] ?? 0;
  const retour = queueSearchParams({ ...query, apres: undefined }).toString();
  const list = page.items.length > 0 ? <QueueList items={page.items} selectable={!!chosen} currentUserId={user.id} /> : null;

  return (
    <>
      <QueueLiveUpdates />
      <PageHeader
        title="Dossiers à traiter"
        lead={user.role === 'admin' ? 'Les demandes déposées sur toutes les démarches.' : 'Les demandes déposées sur les démarches qui vous sont confiées.'}
      />
      {bulkDone !== null ? <Alert tone="success">{`Statut changé pour ${plural(bulkDone, 'dossier')}. Chaque usager en est informé.`}</Alert> : null}

      {procedures.length === 0 ? (
        <p className="max-w-2xl">Aucune démarche ne vous est confiée pour le moment. Un administrateur peut vous en attribuer.</p>
      ) : (
        <form method="get" action="/admin" className="mb-8 grid gap-4 bg-surface p-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Rechercher et filtrer les dossiers">
          <div className="sm:col-span-2 lg:col-span-3">
            <label htmlFor="q" className="mb-1 block font-medium">
              Rechercher
            </label>
            <p id="q-hint" className="mb-1 text-sm text-ink-muted">
              Numéro de dossier (2026-000123) ou nom du bénéficiaire ou de l’usager, avec ou sans accents.
            </p>
            <input id="q" name="q" type="search" defaultValue={query.q ?? ''} aria-describedby="q-hint" maxLength={100} className={`${controlClass} max-w-xl`} />
          </div>
          <div>
            <label htmlFor="procedure" className="mb-1 block font-medium">
              Démarche
            </label>
            <select id="procedure" name="procedure" defaultValue={chosen?.id ?? ''} className={controlClass}>
              <option value="">Toutes les démarches</option>
              {procedures.map((procedure) => (
                <option key={procedure.id} value={procedure.id}>
                  {procedure.title}
                </option>
              ))}
            </select>
          </div>
          {chosen ? (
            <div>
              <label htmlFor="status" className="mb-1 block font-medium">
                Statut
              </label>
              <select id="status" name="status" defaultValue={query.status ?? ''} className={controlClass}>
                <option value="">Tous les statuts</option>
                {statusOptions.map((status) => (
                  <option key={status.key} value={status.key}>
                    {`${status.label} (${formatCount(countOf(status.key))})`}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <p className="self-end text-sm text-ink-muted">Choisissez une démarche pour filtrer par statut, exporter ou changer plusieurs dossiers à la fois.</p>
          )}
          <div>
            <label htmlFor="attribution" className="mb-1 block font-medium">
              Attribution
            </label>
            <select id="attribution" name="attribution" defaultValue={query.attribution ?? ''} className={controlClass}>
              <option value="">Tous les dossiers</option>
              <option value="moi">À moi</option>
              <option value="aucun">Non attribués</option>
            </select>
          </div>
          <div className="self-end">
            <input id="nonlu" name="nonlu" type="checkbox" value="1" defaultChecked={!!query.nonlu} className="mr-2 size-5 align-middle" />
            <label htmlFor="nonlu" className="align-middle font-medium">
              Avec réponse non lue
            </label>
          </div>
          <div>
            <label htmlFor="du" className="mb-1 block font-medium">
              Déposés à partir du
            </label>
            <input id="du" name="du" type="date" defaultValue={query.du ?? ''} className={controlClass} />
          </div>
          <div>
            <label htmlFor="au" className="mb-1 block font-medium">
              Déposés jusqu’au
            </label>
            <input id="au" name="au" type="date" defaultValue={query.au ?? ''} className={controlClass} />
          </div>
          <div>
            <label htmlFor="tri" className="mb-1 block font-medium">
              Trier par
            </label>
            <select id="tri" name="tri" defaultValue={query.tri} className={controlClass}>
              {sortOptions.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
          <div className="flex flex-wrap items-end gap-4 sm:col-span-2 lg:col-span-3">
            <Button type="submit" variant="secondary">
              Afficher les dossiers
            </Button>
            {filtered || query.status || query.tri !== 'depot' ? (
              <Link href="/admin" className="inline-flex min-h-11 items-center">
                Effacer les filtres
              </Link>
            ) : null}
          </div>
        </form>
      )}

      <TombstoneList tombstones={tombstones} />

      <h2 id="resultats-titre" className="sr-only">
        Résultats
      </h2>
      <p id="resultats" role="status" className="mb-4">
        {counts.total === 0
          ? filtered || query.status
            ? 'Aucun dossier ne correspond à ces critères.'
            : 'Aucun dossier déposé pour le moment.'
          : `${dossierCount(counts.total)}${filtered || query.status ? ' correspondant aux critères' : ''}${query.apres ? ' (suite de la liste)' : ''}.`}
      </p>

      {chosen && counts.byStatus && statusOptions.length > 0 ? (
        <div className="mb-6 max-w-4xl">
          <h2 className="mb-2 text-lg font-bold">Dossiers par statut — {chosen.title}</h2>
          <ul className="flex flex-wrap gap-x-6 gap-y-1">
            {statusOptions.map((status) => (
              <li key={status.key}>
                {status.label} : <strong>{formatCount(countOf(status.key))}</strong>
              </li>
            ))}
          </ul>
          <p className="mt-4">
            <a href={`/admin/export?${retour}`} download>
              Télécharger ces dossiers (CSV)
            </a>
          </p>
        </div>
      ) : null}

      {list && chosen ? (
        <BulkStatusForm action={bulkStatusAction} procedureId={chosen.id} retour={retour} statuses={statusOptions} documentTitle="Dossiers à traiter">
          {list}
        </BulkStatusForm>
      ) : (
        list
      )}

      {page.nextCursor || query.apres ? (
        <nav aria-label="Pagination" className="mt-8">
          <ul className="flex flex-wrap gap-6">
            {query.apres ? (
              <li>
                <Link href={queueHref({ ...query, apres: undefined })} className="inline-flex min-h-11 items-center">
                  Revenir au début de la liste
                </Link>
              </li>
            ) : null}
            {page.nextCursor ? (
              <li>
                <Link href={queueHref({ ...query, apres: page.nextCursor })} className="inline-flex min-h-11 items-center">
                  Dossiers suivants
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </>
  );
}
