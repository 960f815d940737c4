import type { Metadata } from 'next';
import Form from 'next/form';
import Link from 'next/link';
import { Button, Card, PageHeader } from '@/components/ui';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { listPublishedProcedures } from '@/lib/procedures/catalogue';

export const dynamic = 'force-dynamic';

// The root layout's title template does not apply to a page of the same (root) segment.
export function generateMetadata(): Metadata {
  return { title: { absolute: `Accueil — ${getEnv().PORTAL_NAME}` } };
}

export default async function HomePage() {
  const procedures = await listPublishedProcedures(await getDb());
  return (
    <>
      <PageHeader
        title="Effectuez vos démarches en ligne, suivez vos demandes"
        lead="Un seul compte pour toutes vos démarches : vos informations sont pré-remplies, vos brouillons s’enregistrent tout seuls et vous êtes prévenu à chaque étape de votre demande."
      />

      <Form action="/demarches" role="search" className="mb-12 max-w-2xl bg-primary-tint p-4 sm:p-6">
        <label htmlFor="recherche-accueil" className="mb-1 block font-bold">
          Rechercher une démarche
        </label>
        <p id="recherche-accueil-aide" className="mb-2 text-sm text-ink-soft">
          Par exemple : naissance, cantine, subvention.
        </p>
        <div className="flex flex-col gap-2 sm:flex-row">
          <input
            id="recherche-accueil"
            name="q"
            type="search"
            aria-describedby="recherche-accueil-aide"
            className="min-h-11 w-full border-2 border-ink-muted bg-white px-3 py-2"
          />
          <Button>Rechercher</Button>
        </div>
      </Form>

      <div className="grid gap-12 lg:grid-cols-3">
        <section aria-labelledby="demarches-titre" className="lg:col-span-2">
          <h2 id="demarches-titre" className="mb-6 text-2xl font-bold">
            Les démarches en ligne
          </h2>
          {procedures.length === 0 ? (
            <p>Aucune démarche n’est publiée pour le moment.</p>
          ) : (
            <ul className="grid gap-6 md:grid-cols-2">
              {procedures.map((procedure) => (
                <li key={procedure.id}>
                  <Card
                    title={procedure.title}
                    href={`/demarches/${procedure.slug}`}
                    headingLevel={3}
                    footer={
                      <Button as="link" href={`/demarches/${procedure.slug}`} variant="secondary">
                        Commencer<span className="sr-only"> : {procedure.title}</span>
                      </Button>
                    }
                  >
                    <p>{procedure.summary}</p>
                  </Card>
                </li>
              ))}
            </ul>
          )}
          <p className="mt-6">
            <Link href="/demarches">Voir toutes les démarches, par thème</Link>
          </p>
        </section>

        <aside aria-labelledby="compte-titre" className="self-start border-t-4 border-primary bg-surface p-5 sm:p-6">
          <h2 id="compte-titre" className="text-xl font-bold">
            Votre compte
          </h2>
          <ul className="mt-3 list-disc space-y-1 pl-5 text-ink-muted">
            <li>vos informations saisies une seule fois ;</li>
            <li>vos brouillons enregistrés automatiquement ;</li>
            <li>vos justificatifs rangés dans votre porte-documents ;</li>
            <li>le suivi de vos demandes et la réponse de l’administration.</li>
          </ul>
          <div className="mt-5 flex flex-col gap-3">
            <Button as="link" href="/inscription">
              Créer un compte
            </Button>
            <Button as="link" href="/connexion" variant="secondary">
              Se connecter
            </Button>
          </div>
          <p className="mt-4 text-sm">
            <Link href="/aide">Besoin d’aide ?</Link>
          </p>
        </aside>
      </div>
    </>
  );
}
