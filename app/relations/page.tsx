import type { Metadata } from 'next';
import Link from 'next/link';
import { Alert, Breadcrumbs, Button, PageHeader } from '@/components/ui';
import { requireCitizen } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { describeRelation, listRelations, type OrganisationRelation, type PersonRelation, type PostalAddress, type Relation } from '@/lib/relations/relations';
import { formatSiret } from '@/lib/relations/siret';

export const metadata: Metadata = { title: 'Mes relations' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Set by the actions' redirects: one short confirmation after adding, editing or deleting.
const flashMessages: Record<string, string> = {
  ajout: 'La relation a été ajoutée.',
  modification: 'Les modifications ont été enregistrées.',
  suppression: 'La relation a été supprimée.',
};

function formatDate(iso: string): string {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
}

function formatAddress(address: PostalAddress): string {
  return [address.line1, address.line2, `${address.postalCode} ${address.city}`].filter(Boolean).join(', ');
}

function Details({ items }: { items: [string, string | null | undefined][] }) {
  const shown = items.filter((item): item is [string, string] => !!item[1]);
  if (shown.length === 0) return null;
  return (
    <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[12rem_minmax(0,1fr)]">
      {shown.map(([term, detail]) => (
        <div key={term} className="contents">
          <dt className="text-ink-muted">{term}</dt>
          <dd className="break-words">{detail}</dd>
        </div>
      ))}
    </dl>
  );
}

function RelationItem({ relation }: { relation: Relation }) {
  const label = describeRelation(relation);
  return (
    <li className="border-b border-line py-5">
      <h3 className="break-words text-xl font-bold">{label}</h3>
      {relation.kind === 'person' ? <PersonDetails relation={relation} /> : <OrganisationDetails relation={relation} />}
      <p className="mt-3 flex flex-wrap gap-x-6 gap-y-2">
        <Link href={`/relations/${relation.id}`}>
          Modifier<span className="sr-only"> {label}</span>
        </Link>
        <Link href={`/relations/${relation.id}/supprimer`}>
          Supprimer<span className="sr-only"> {label}</span>
        </Link>
      </p>
    </li>
  );
}

function PersonDetails({ relation }: { relation: PersonRelation }) {
  return (
    <Details
      items={[
        ['Date de naissance', relation.birthDate ? formatDate(relation.birthDate) : null],
        ['Lieu de naissance', relation.birthPlace],
        ['Adresse', relation.address ? formatAddress(relation.address) : null],
      ]}
    />
  );
}

function OrganisationDetails({ relation }: { relation: OrganisationRelation }) {
  return (
    <Details
      items={[
        ['Votre rôle', relation.ownerRole],
        ['Adresse du siège', relation.address ? formatAddress(relation.address) : null],
        ['SIRET', formatSiret(relation.siret)],
      ]}
    />
  );
}

function RelationSection({ id, title, empty, relations, addHref, addLabel }: { id: string; title: string; empty: string; relations: Relation[]; addHref: string; addLabel: string }) {
  return (
    <section aria-labelledby={id} className="mt-10 max-w-3xl">
      <h2 id={id} className="text-2xl font-bold">
        {title}
      </h2>
      {relations.length > 0 ? (
        <ul className="mb-6 border-t border-line mt-4">
          {relations.map((relation) => (
            <RelationItem key={relation.id} relation={relation} />
          ))}
        </ul>
      ) : (
        <p className="my-4 text-ink-muted">{empty}</p>
      )}
      <Button as="link" href={addHref} variant="secondary">
        {addLabel}
      </Button>
    </section>
  );
}

export default async function RelationsPage({ searchParams }: Props) {
  const user = await requireCitizen('/relations');
  const params = await searchParams;
  const relations = await listRelations(await getDb(), user.id);
  const flash = Object.keys(flashMessages).find((key) => params[key] === '1');
  return (
    <>
      <Breadcrumbs items={[{ label: 'Accueil', href: '/' }, { label: 'Mes relations' }]} />
      <PageHeader
        title="Mes relations"
        lead="Les personnes et les organisations pour lesquelles vous faites des démarches. Leurs informations sont reprises automatiquement quand vous commencez une démarche pour elles."
      />
      {flash ? (
        <Alert tone="success" className="max-w-3xl">
          <p>{flashMessages[flash]}</p>
        </Alert>
      ) : null}
      {relations.length === 0 ? <p className="max-w-3xl">Vous n’avez encore enregistré aucune relation.</p> : null}
      <RelationSection
        id="personnes"
        title="Personnes"
        empty="Aucune personne enregistrée : enfant, conjoint ou conjointe, parent…"
        relations={relations.filter((r) => r.kind === 'person')}
        addHref="/relations/nouvelle?type=personne"
        addLabel="Ajouter une personne"
      />
      <RelationSection
        id="organisations"
        title="Organisations"
        empty="Aucune organisation enregistrée : association, entreprise…"
        relations={relations.filter((r) => r.kind === 'organisation')}
        addHref="/relations/nouvelle?type=organisation"
        addLabel="Ajouter une organisation"
      />
    </>
  );
}
