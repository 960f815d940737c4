import type { Metadata } from 'next';
import Link from 'next/link';
import { CreateProcedureForm } from '@/components/administration/create-procedure-form';
import { Breadcrumbs, PageHeader, StatusTag } from '@/components/ui';
import { requireAdmin } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { listAdminProcedures } from '@/lib/administration/procedures/list-admin-procedures';
import { createProcedureAction } from './actions';

export const metadata: Metadata = { title: 'Démarches — Administration' };
export const dynamic = 'force-dynamic';

export default async function AdminProceduresPage() {
  const user = await requireAdmin('/admin/demarches');
  const rows = await listAdminProcedures(await getDb(), user);
  return (
    <>
      <Breadcrumbs items={[{ label: 'Accueil', href: '/' }, { label: 'Administration', href: '/admin' }, { label: 'Démarches' }]} />
      <PageHeader
        title="Démarches"
        lead="Toutes les démarches, publiées ou non. Une version publiée ne change plus : vos modifications vont dans une version de travail, que vous publiez quand elle est prête."
      />
      <section aria-labelledby="liste" className="max-w-5xl">
        <h2 id="liste" className="text-2xl font-bold">
          Liste des démarches
        </h2>
        {rows.length === 0 ? (
          <p className="mt-4">Aucune démarche pour l’instant : créez la première ci-dessous.</p>
        ) : (
          <div className="mt-4 overflow-x-auto" role="region" aria-labelledby="liste-caption" tabIndex={0}>
            <table className="w-full border-collapse text-left">
              <caption id="liste-caption" className="sr-only">
                Démarches, avec leur version en service, leur version de travail et leurs dossiers
              </caption>
              <thead>
                <tr className="border-b-2 border-ink">
                  <th scope="col" className="py-2 pr-4">Démarche</th>
                  <th scope="col" className="py-2 pr-4">Catalogue</th>
                  <th scope="col" className="py-2 pr-4">Version en service</th>
                  <th scope="col" className="py-2 pr-4">Version de travail</th>
                  <th scope="col" className="py-2 pr-4">Dossiers déposés</th>
                  <th scope="col" className="py-2">Brouillons</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((p) => (
                  <tr key={p.id} className="border-b border-line align-top">
                    <th scope="row" className="py-3 pr-4 font-normal">
                      <Link href={`/admin/demarches/${p.id}`} className="font-bold">
                        {p.title}
                      </Link>
                      <span className="block text-sm text-ink-muted">
                        {p.categoryLabel} · /demarches/{p.slug}
                      </span>
                    </th>
                    <td className="py-3 pr-4">{p.archived ? <StatusTag label="Archivée" /> : p.inCatalogue ? <StatusTag tone="success" label="Publiée" /> : <StatusTag label="Non publiée" />}</td>
                    <td className="py-3 pr-4">{p.currentVersion ? `Version ${p.currentVersion}` : '—'}</td>
                    <td className="py-3 pr-4">{p.draftVersion ? `Version ${p.draftVersion}` : '—'}</td>
                    <td className="py-3 pr-4">{p.submittedCount}</td>
                    <td className="py-3">{p.draftCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="creer" className="mt-12">
        <h2 id="creer" className="mb-4 text-2xl font-bold">
          Créer une démarche
        </h2>
        <p className="mb-6 max-w-2xl">
          La démarche est créée hors du catalogue, avec une étape, un champ et les statuts habituels. Complétez-la, puis publiez sa première version.
        </p>
        <CreateProcedureForm action={createProcedureAction} documentTitle={`Démarches — Administration — ${getEnv().PORTAL_NAME}`} />
      </section>
    </>
  );
}
