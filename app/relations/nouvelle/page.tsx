import type { Metadata } from 'next';
import { OrganisationForm } from '@/components/relations/organisation-form';
import { PersonForm } from '@/components/relations/person-form';
import { Breadcrumbs, Card, PageHeader } from '@/components/ui';
import { requireCitizen, safeCallbackPath } from '@/lib/auth/guards';
import { getEnv } from '@/lib/env';
import { createOrganisation, createPerson } from '../actions';

type Props = { searchParams: Promise<{ type?: string | string[]; retour?: string | string[] }> };

const titles = {
  personne: 'Ajouter une personne',
  organisation: 'Ajouter une organisation',
  choice: 'Ajouter une relation',
} as const;

function pageOf(type: string | string[] | undefined): keyof typeof titles {
  return type === 'personne' || type === 'organisation' ? type : 'choice';
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  return { title: titles[pageOf((await searchParams).type)] };
}

export default async function NewRelationPage({ searchParams }: Props) {
  const { type, retour } = await searchParams;
  const page = pageOf(type);
  // Came from the start of a procedure: back there once the relation is added.
  const returnTo = safeCallbackPath(retour, '') || undefined;
  const returnQuery = returnTo ? `retour=${encodeURIComponent(returnTo)}` : '';
  await requireCitizen(page === 'choice' ? `/relations/nouvelle${returnQuery ? `?${returnQuery}` : ''}` : `/relations/nouvelle?type=${page}${returnQuery ? `&${returnQuery}` : ''}`);
  const title = titles[page];
  const documentTitle = `${title} — ${getEnv().PORTAL_NAME}`;
  return (
    <>
      <Breadcrumbs items={[{ label: 'Accueil', href: '/' }, { label: 'Mes relations', href: '/relations' }, { label: title }]} />
      {page === 'personne' ? (
        <>
          <PageHeader title={title} lead="Un enfant, votre conjoint ou conjointe, un parent ou un autre proche pour qui vous faites des démarches." />
          <PersonForm action={createPerson} submitLabel="Ajouter cette personne" documentTitle={documentTitle} returnTo={returnTo} />
        </>
      ) : page === 'organisation' ? (
        <>
          <PageHeader title={title} lead="Une association ou une entreprise pour laquelle vous faites des démarches." />
          <OrganisationForm action={createOrganisation} submitLabel="Ajouter cette organisation" documentTitle={documentTitle} returnTo={returnTo} />
        </>
      ) : (
        <ChooseKind returnQuery={returnQuery} />
      )}
    </>
  );
}

/** Two links rather than a radio question: nothing to get wrong, and no JavaScript needed. */
function ChooseKind({ returnQuery }: { returnQuery: string }) {
  return (
    <>
      <PageHeader title={titles.choice} lead="Pour qui voulez-vous faire des démarches ?" />
      <ul className="grid max-w-3xl gap-6 md:grid-cols-2">
        <li>
          <Card title="Une personne" href={`/relations/nouvelle?type=personne${returnQuery ? `&${returnQuery}` : ''}`}>
            Un enfant, votre conjoint ou conjointe, un parent, un autre proche.
          </Card>
        </li>
        <li>
          <Card title="Une organisation" href={`/relations/nouvelle?type=organisation${returnQuery ? `&${returnQuery}` : ''}`}>
            Une association ou une entreprise.
          </Card>
        </li>
      </ul>
    </>
  );
}
