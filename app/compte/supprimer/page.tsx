import type { Metadata } from 'next';
import Link from 'next/link';
import { DeleteAccountForm } from '@/components/account/delete-account-form';
import { Alert, PageHeader } from '@/components/ui';
import { getAccountContext } from '@/lib/accounts/app-context';
import { summarizeAccountData } from '@/lib/accounts/deletion';
import { requireCitizen } from '@/lib/auth/guards';
import { documentTitle } from '../document-title';
import { deleteOwnAccount } from './actions';

const TITLE = 'Supprimer mon compte';
export const metadata: Metadata = { title: TITLE };

/** "1 brouillon", "3 brouillons", "aucun brouillon". */
function countOf(n: number, one: string, many: string, none: string): string {
  if (n === 0) return none;
  return n === 1 ? `1 ${one}` : `${n} ${many}`;
}

export default async function DeleteAccountPage() {
  const user = await requireCitizen('/compte/supprimer');
  const { db } = await getAccountContext();
  const summary = await summarizeAccountData(db, user.id);
  const items = [
    'votre compte et vos informations personnelles (identité, adresse, téléphone, préférences)',
    countOf(summary.relations, 'relation (proche, association ou entreprise)', 'relations (proches, associations ou entreprises)', 'aucune relation'),
    countOf(summary.drafts, 'brouillon de démarche', 'brouillons de démarches', 'aucun brouillon'),
    countOf(summary.submitted, 'demande déposée, avec ses pièces justificatives et ses messages', 'demandes déposées, avec leurs pièces justificatives et leurs messages', 'aucune demande déposée'),
    countOf(summary.documents, 'document du porte-documents', 'documents du porte-documents', 'aucun document dans le porte-documents'),
  ];
  return (
    <>
      <PageHeader title={TITLE} />
      <h2 className="mb-3 text-2xl font-bold">Ce qui sera supprimé</h2>
      <ul className="mb-6 max-w-2xl list-disc space-y-1 pl-6">
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      <Alert tone="warning" title="La suppression est définitive" className="max-w-2xl">
        <p>Rien ne pourra être récupéré, ni par vous ni par l’administration. Les fichiers enregistrés sont effacés eux aussi.</p>
        <p>
          Vos demandes déjà déposées ne seront plus consultables ici. Si vous voulez en garder une copie,{' '}
          <Link href="/compte/export">exportez vos données</Link> avant de supprimer votre compte.
        </p>
      </Alert>
      <p className="mb-8 max-w-2xl">Un dernier courriel vous confirmera la suppression.</p>
      <DeleteAccountForm action={deleteOwnAccount} documentTitle={documentTitle(TITLE)} />
    </>
  );
}
