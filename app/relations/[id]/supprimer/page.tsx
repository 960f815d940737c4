import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DeleteRelationForm } from '@/components/relations/delete-relation-form';
import { Alert, Breadcrumbs, PageHeader } from '@/components/ui';
import { requireCitizen } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { describeRelation, getRelation, relationUsage, type DossierRef } from '@/lib/relations/relations';
import { removeRelation } from '../../actions';

const TITLE = 'Supprimer une relation';

export const metadata: Metadata = { title: TITLE };

type Props = { params: Promise<{ id: string }> };

/** "1 brouillon", "2 brouillons". */
function countOf(n: number, one: string, many: string): string {
  return n === 1 ? `1 ${one}` : `${n} ${many}`;
}

function listOf(dossiers: DossierRef[]): string {
  return dossiers.map((d) => (d.number ? `${d.procedureTitle} (n° ${d.number})` : d.procedureTitle)).join(', ');
}

export default async function DeleteRelationPage({ params }: Props) {
  const { id } = await params;
  const user = await requireCitizen(`/relations/${encodeURIComponent(id)}/supprimer`);
  const db = await getDb();
  const relation = await getRelation(db, user.id, id);
  if (!relation) notFound();
  const { drafts, submitted } = await relationUsage(db, user.id, relation.id);
  const label = describeRelation(relation);
  const draftWord = drafts.length === 1 ? 'ce brouillon' : 'ces brouillons';
  return (
    <>
      <Breadcrumbs items={[{ label: 'Accueil', href: '/' }, { label: 'Mes relations', href: '/relations' }, { label: TITLE }]} />
      <PageHeader title={TITLE} />
      <div className="max-w-2xl">
        <DeleteRelationForm
          action={removeRelation}
          relationId={relation.id}
          draftIds={drafts.map((d) => d.id)}
          submitLabel={drafts.length > 0 ? `Supprimer la relation et ${draftWord}` : 'Supprimer cette relation'}
          documentTitle={`${TITLE} — ${getEnv().PORTAL_NAME}`}
        >
          <p className="mb-6 text-lg">
            Vous allez supprimer <strong className="break-words">{label}</strong> de vos relations.
          </p>
          {drafts.length > 0 ? (
            <Alert tone="warning" title={drafts.length === 1 ? 'Un brouillon sera supprimé' : 'Des brouillons seront supprimés'}>
              <p>
                Cette relation est utilisée dans {countOf(drafts.length, 'brouillon', 'brouillons')} : {listOf(drafts)}.
              </p>
              <p>{drafts.length === 1 ? 'Ce brouillon sera supprimé' : 'Ces brouillons seront supprimés'} avec la relation, et ce que vous y avez saisi sera perdu.</p>
            </Alert>
          ) : null}
          {submitted.length > 0 ? (
            <Alert tone="info" role="none" title="Vos demandes déjà déposées ne changent pas">
              <p>
                Cette relation figure dans {countOf(submitted.length, 'demande déjà déposée', 'demandes déjà déposées')} : {listOf(submitted)}.
              </p>
              <p>Les demandes déjà déposées conservent les informations transmises : elles restent consultables et leur traitement continue.</p>
            </Alert>
          ) : null}
          {drafts.length === 0 && submitted.length === 0 ? <p className="mb-6">Aucune démarche n’utilise cette relation.</p> : null}
          <p className="mb-6">La suppression est définitive.</p>
        </DeleteRelationForm>
      </div>
    </>
  );
}
