import Link from 'next/link';
import { StatusTag } from '@/components/ui';
import { formatDay, formatDateTime } from '@/lib/common/dates';
import type { QueueItem } from '@/lib/processing/queue';
import type { TombstoneView } from '@/lib/processing/tombstones';

// The rows of the queue (server components). With `selectable`, each dossier has a checkbox that
// belongs to the bulk status form around the list.

export function QueueList({ items, selectable, currentUserId }: { items: QueueItem[]; selectable: boolean; currentUserId: string }) {
  return (
    <ul className="max-w-4xl">
      {items.map((dossier, index) => (
        <li key={dossier.id} className="flex gap-4 border-b border-line py-5">
          {selectable ? (
            <div className="pt-1">
              <input
                type="checkbox"
                id={`dossier-${index}`}
                name="dossierIds"
                value={dossier.id}
                className="size-6 accent-primary"
                aria-label={`Sélectionner le dossier n° ${dossier.number}`}
              />
            </div>
          ) : null}
          <div className="min-w-0 flex-1">
            <h3 className="break-words text-xl font-bold">
              <Link href={`/admin/dossiers/${dossier.id}`}>
                Dossier n° {dossier.number}
                <span className="sr-only"> — {dossier.procedureTitle}</span>
              </Link>
            </h3>
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
              <dt className="text-ink-muted">Déposé par</dt>
              <dd className="break-words">{dossier.filedBy}</dd>
              <dt className="text-ink-muted">Attribué à</dt>
              <dd className="break-words">{dossier.assignee ? (dossier.assignee.id === currentUserId ? `${dossier.assignee.name} (vous)` : dossier.assignee.name) : 'Non attribué'}</dd>
              <dt className="text-ink-muted">Déposé le</dt>
              <dd>{formatDay(dossier.submittedAt)}</dd>
              <dt className="text-ink-muted">Dernière activité</dt>
              <dd>{formatDateTime(dossier.lastActivityAt)}</dd>
            </dl>
          </div>
        </li>
      ))}
    </ul>
  );
}

export function tombstoneReasonLabel(reason: TombstoneView['reason']): string {
  return reason === 'retention' ? 'supprimé à la fin de sa durée de conservation' : 'supprimé à la demande de l’usager';
}

export function TombstoneList({ tombstones }: { tombstones: TombstoneView[] }) {
  if (tombstones.length === 0) return null;
  return (
    <section aria-labelledby="supprimes-titre" className="mb-8 max-w-4xl border-l-4 border-ink-muted bg-surface p-4">
      <h2 id="supprimes-titre" className="mb-2 text-xl font-bold">
        Dossier supprimé
      </h2>
      <ul>
        {tombstones.map((tombstone) => (
          <li key={tombstone.id} className="py-2">
            <Link href={`/admin/dossiers/${tombstone.id}`}>Dossier n° {tombstone.number}</Link> — {tombstone.procedureTitle}, {tombstoneReasonLabel(tombstone.reason)} le{' '}
            {formatDay(tombstone.deletedAt)}.
          </li>
        ))}
      </ul>
    </section>
  );
}
