import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { OrganisationForm } from '@/components/relations/organisation-form';
import { PersonForm } from '@/components/relations/person-form';
import { relationFormValues } from '@/components/relations/relation-values';
import { Breadcrumbs, PageHeader } from '@/components/ui';
import { requireCitizen } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { describeRelation, getRelation } from '@/lib/relations/relations';
import { updateOrganisation, updatePerson } from '../actions';

const TITLE = 'Modifier une relation';

export const metadata: Metadata = { title: TITLE };

type Props = { params: Promise<{ id: string }> };

export default async function EditRelationPage({ params }: Props) {
  const { id } = await params;
  const user = await requireCitizen(`/relations/${encodeURIComponent(id)}`);
  const relation = await getRelation(await getDb(), user.id, id);
  if (!relation) notFound();
  const documentTitle = `${TITLE} — ${getEnv().PORTAL_NAME}`;
  const common = { relationId: relation.id, saved: relationFormValues(relation), submitLabel: 'Enregistrer les modifications', documentTitle };
  return (
    <>
      <Breadcrumbs items={[{ label: 'Accueil', href: '/' }, { label: 'Mes relations', href: '/relations' }, { label: TITLE }]} />
      <PageHeader title={TITLE} lead={describeRelation(relation)}>
        <p>Les demandes que vous avez déjà déposées gardent les informations transmises au moment du dépôt : vos modifications ne les changent pas.</p>
      </PageHeader>
      {relation.kind === 'person' ? <PersonForm action={updatePerson} {...common} /> : <OrganisationForm action={updateOrganisation} {...common} />}
    </>
  );
}
