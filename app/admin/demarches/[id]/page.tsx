import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Breadcrumbs, PageHeader, StatusTag } from '@/components/ui';
import { requireAgent } from '@/lib/auth/guards';
import { findProcedureInScope } from '@/lib/backoffice/procedures';
import { getDb } from '@/lib/db';
import { formatDay } from '@/lib/dossiers/dates';

export const metadata: Metadata = { title: 'Démarche' };
export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

export default async function ProcedurePage({ params }: Props) {
  const { id } = await params;
  const user = await requireAgent(`/admin/demarches/${encodeURIComponent(id)}`);
  const procedure = await findProcedureInScope(await getDb(), user, id);
  // Not entrusted to this agent, or unknown: the same 404.
  if (!procedure) notFound();
  return (
    <>
      <Breadcrumbs items={[{ label: 'Démarches', href: '/admin/demarches' }, { label: procedure.title }]} />
      <PageHeader title={procedure.title} lead={procedure.published ? 'Démarche publiée.' : 'Démarche non publiée.'}>
        <p>
          <Link href={`/demarches/${procedure.slug}`}>Voir la page publique de la démarche</Link>
        </p>
      </PageHeader>
      <p className="mb-8 max-w-3xl">
        Chaque demande garde la version avec laquelle elle a été déposée : ses statuts sont ceux de cette version. La modification des démarches
        depuis cet espace n’est pas encore disponible.
      </p>
      {procedure.versions.map((version) => (
        <section key={version.version} aria-labelledby={`version-${version.version}`} className="mb-10 max-w-3xl">
          <h2 id={`version-${version.version}`} className="mb-2 text-2xl font-bold">
            Version {version.version}
          </h2>
          <p className="mb-4 text-ink-muted">
            {version.publishedAt ? `Publiée le ${formatDay(version.publishedAt)}` : 'Non publiée'} —{' '}
            {version.submitted === 0 ? 'aucune demande déposée' : `${version.submitted} demande${version.submitted > 1 ? 's' : ''} déposée${version.submitted > 1 ? 's' : ''}`}
          </p>
          <h3 className="mb-2 text-xl font-bold">Statuts</h3>
          <ol className="mb-6 divide-y divide-line border-y border-line">
            {version.statuses.map((status) => (
              <li key={status.key} className="py-3">
                <p className="flex flex-wrap items-center gap-2">
                  <StatusTag tone={status.tone} label={status.label} />
                  {status.final ? <span className="text-sm text-ink-muted">Statut final : la demande est close</span> : null}
                </p>
                {status.description ? <p className="mt-1">{status.description}</p> : null}
              </li>
            ))}
          </ol>
          <h3 className="mb-2 text-xl font-bold">Étapes du formulaire</h3>
          <ol className="list-decimal pl-6">
            {version.steps.map((step) => (
              <li key={step.key}>
                {step.title} ({step.fields === 0 ? 'information seulement' : `${step.fields} champ${step.fields > 1 ? 's' : ''}`})
              </li>
            ))}
          </ol>
        </section>
      ))}
    </>
  );
}
