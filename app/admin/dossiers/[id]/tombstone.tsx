import Link from 'next/link';
import { Breadcrumbs, PageHeader } from '@/components/ui';
import { formatDateTime } from '@/lib/common/dates';
import type { TombstoneView } from '@/lib/processing/tombstones';
import { tombstoneReasonLabel } from '../../queue-list';

/** A deleted dossier as agents still see it: number, procedure, dates and why. No personal data. */
export function TombstonePage({ tombstone }: { tombstone: TombstoneView }) {
  return (
    <>
      <Breadcrumbs items={[{ label: 'Dossiers à traiter', href: '/admin' }, { label: `Dossier n° ${tombstone.number}` }]} />
      <PageHeader title={`Dossier n° ${tombstone.number}`} lead={tombstone.procedureTitle} />
      <p className="mb-6 max-w-2xl text-lg font-bold">Ce dossier a été {tombstoneReasonLabel(tombstone.reason)}.</p>
      <dl className="mb-8 grid max-w-2xl gap-x-4 gap-y-2 sm:grid-cols-[12rem_minmax(0,1fr)]">
        <dt className="text-ink-muted">Démarche</dt>
        <dd className="break-words">{tombstone.procedureTitle}</dd>
        <dt className="text-ink-muted">Déposé le</dt>
        <dd>{tombstone.submittedAt ? formatDateTime(tombstone.submittedAt) : 'Non renseigné'}</dd>
        <dt className="text-ink-muted">Supprimé le</dt>
        <dd>{formatDateTime(tombstone.deletedAt)}</dd>
      </dl>
      <p className="max-w-2xl">Ses réponses, ses pièces et les informations sur l’usager ont été effacées ; le journal d’audit garde la trace de la suppression.</p>
      <p className="mt-8">
        <Link href="/admin">Revenir à la liste des dossiers</Link>
      </p>
    </>
  );
}
