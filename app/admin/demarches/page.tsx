import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui';
import { requireAgent } from '@/lib/auth/guards';
import { listProcedureOverviews } from '@/lib/backoffice/procedures';
import { getDb } from '@/lib/db';
import { BackOfficeNav } from '../back-office-nav';

export const metadata: Metadata = { title: 'Démarches' };
export const dynamic = 'force-dynamic';

export default async function ProceduresPage() {
  const user = await requireAgent('/admin/demarches');
  const procedures = await listProcedureOverviews(await getDb(), user);
  return (
    <>
      <BackOfficeNav isAdmin={user.role === 'admin'} current="demarches" />
      <PageHeader
        title="Démarches"
        lead={user.role === 'admin' ? 'Toutes les démarches, leurs versions publiées et leurs statuts.' : 'Les démarches qui vous sont confiées, leurs versions publiées et leurs statuts.'}
      />
      {procedures.length === 0 ? (
        <p>Aucune démarche ne vous est confiée pour le moment.</p>
      ) : (
        <ul className="max-w-3xl divide-y divide-line border-y border-line">
          {procedures.map((procedure) => (
            <li key={procedure.id} className="py-4">
              <h2 className="break-words text-xl font-bold">
                <Link href={`/admin/demarches/${procedure.id}`}>{procedure.title}</Link>
              </h2>
              <p className="mt-1 text-ink-muted">
                {procedure.published ? 'Publiée' : 'Non publiée'} — version {procedure.latestVersion} —{' '}
                {procedure.submitted === 0 ? 'aucune demande déposée' : `${procedure.submitted} demande${procedure.submitted > 1 ? 's' : ''} déposée${procedure.submitted > 1 ? 's' : ''}`}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
