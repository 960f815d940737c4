import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { cache } from 'react';
import { Breadcrumbs, Button, PageHeader, StatusTag } from '@/components/ui';
import { getCurrentUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { getPublishedProcedureBySlug } from '@/lib/procedures/catalogue';
import { getCategoryLabel } from '@/lib/procedures/categories';
import type { Beneficiary } from '@/lib/procedures/definition';
import { startProcedure } from './commencer/actions';
import { todayInParis } from '@/lib/procedures/compile-step';
import { canStart, describeOpening } from '@/lib/procedures/opening';

export const dynamic = 'force-dynamic';

const ARCHIVED_NOTE =
  'Cette démarche n’est plus proposée en ligne : il n’est plus possible de commencer une demande. Les demandes déjà déposées continuent d’être traitées et restent dans « Mes demandes ».';

type Props = { params: Promise<{ slug: string }> };

const beneficiaryLabels: Record<Beneficiary, string> = {
  self: 'vous-même',
  person: 'un proche',
  organisation: 'une association ou entreprise',
};

// Shared by generateMetadata and the page: one query per request. Junk slugs never reach the database.
const findProcedure = cache(async (slug: string) =>
  /^[a-z0-9-]{1,120}$/.test(slug) ? getPublishedProcedureBySlug(await getDb(), slug) : null,
);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const procedure = await findProcedure((await params).slug);
  if (!procedure) return { title: 'Page introuvable' };
  // An archived procedure's page stays for those who have a link, but search engines drop it.
  return { title: procedure.title, description: procedure.summary, ...(procedure.archived ? { robots: { index: false } } : {}) };
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mb-10">
      <h2 id={id} className="mb-4 text-2xl font-bold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default async function ProcedurePage({ params }: Props) {
  const { slug } = await params;
  const procedure = await findProcedure(slug);
  if (!procedure) notFound();
  // The sign-in note is for anonymous visitors only.
  const signedIn = !!(await getCurrentUser());
  const today = todayInParis();
  const startable = !procedure.archived && canStart(procedure.opening, today);
  const openingNote = procedure.archived ? ARCHIVED_NOTE : describeOpening(procedure.opening, today);

  return (
    <>
      <Breadcrumbs items={[{ label: 'Accueil', href: '/' }, { label: 'Liste des démarches', href: '/demarches' }, { label: procedure.title }]} />
      <PageHeader title={procedure.title} lead={procedure.summary}>
        <p>
          <span className="sr-only">Thème : </span>
          <StatusTag tone="info" label={getCategoryLabel(procedure.category)} />
        </p>
        <p className="mt-2 text-ink-muted">Pour : {procedure.beneficiaries.map((b) => beneficiaryLabels[b]).join(', ')}</p>
      </PageHeader>

      <div className="grid gap-10 lg:grid-cols-3">
        <aside aria-labelledby="commencer-titre" className="self-start border-t-4 border-primary bg-surface p-5 sm:p-6 lg:col-start-3 lg:row-start-1">
          <h2 id="commencer-titre" className="sr-only">
            Commencer la démarche
          </h2>
          <dl className="mb-5 space-y-3">
            {procedure.estimatedDuration ? (
              <div>
                <dt className="font-bold">Durée</dt>
                <dd className="text-ink-muted">Environ {procedure.estimatedDuration} pour remplir la démarche</dd>
              </div>
            ) : null}
            {procedure.processingTime ? (
              <div>
                <dt className="font-bold">Délai de traitement</dt>
                <dd className="text-ink-muted">{procedure.processingTime}</dd>
              </div>
            ) : null}
          </dl>
          {openingNote ? <p className="mb-4 font-bold">{openingNote}</p> : null}
          {startable ? (
            <>
              {/* A form, not a link: starting creates a draft (a POST), and works without JavaScript. */}
              <form action={startProcedure}>
                <input type="hidden" name="slug" value={procedure.slug} />
                <Button className="w-full" aria-describedby={signedIn ? undefined : 'commencer-note'}>
                  Commencer
                </Button>
              </form>
              {signedIn ? null : (
                <p id="commencer-note" className="mt-3 text-sm text-ink-muted">
                  Si vous n’êtes pas connecté, vous devrez vous connecter ou créer un compte.
                </p>
              )}
            </>
          ) : null}
        </aside>

        <div className="lg:col-span-2 lg:row-start-1">
          <Section id="besoins" title="Ce dont vous avez besoin">
            {procedure.requirements.length > 0 ? (
              <ul className="list-disc space-y-1 pl-6">
                {procedure.requirements.map((requirement) => (
                  <li key={requirement}>{requirement}</li>
                ))}
              </ul>
            ) : (
              <p>Aucun document particulier : les informations demandées suffisent.</p>
            )}
          </Section>

          <Section id="etapes" title="Les étapes">
            <ol className="list-decimal space-y-1 pl-6">
              {procedure.steps.map((step) => (
                <li key={step.key}>{step.title}</li>
              ))}
            </ol>
            <p className="mt-4 text-ink-muted">
              Vos réponses sont enregistrées au fur et à mesure : vous pouvez vous arrêter et reprendre plus tard depuis
              « Mes brouillons ».
            </p>
          </Section>

          <Section id="suivi" title="Suivi de votre demande">
            <p className="mb-3">Après l’envoi, vous suivez votre demande dans « Mes demandes ». Ses statuts possibles :</p>
            <ul className="flex flex-wrap gap-2">
              {procedure.statuses.map((status) => (
                <li key={status.key}>
                  <StatusTag tone="neutral" label={status.label} />
                </li>
              ))}
            </ul>
          </Section>
        </div>
      </div>
    </>
  );
}
