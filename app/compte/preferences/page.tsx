import type { Metadata } from 'next';
import { PreferencesForm } from '@/components/account/preferences-form';
import { PageHeader } from '@/components/ui';
import { getAccountContext } from '@/lib/accounts/app-context';
import { getPreferences } from '@/lib/accounts/profile';
import { requireCitizen } from '@/lib/auth/guards';
import { documentTitle } from '../document-title';
import { savePreferences } from './actions';

const TITLE = 'Mes préférences de notification';
export const metadata: Metadata = { title: TITLE };

export default async function PreferencesPage() {
  const user = await requireCitizen('/compte/preferences');
  const { db } = await getAccountContext();
  const preferences = await getPreferences(db, user.id);
  return (
    <>
      <PageHeader
        title={TITLE}
        lead="Chaque événement important de vos demandes apparaît dans vos notifications, sur le portail. Choisissez ceux pour lesquels vous voulez aussi recevoir un courriel."
      />
      <PreferencesForm action={savePreferences} preferences={preferences} documentTitle={documentTitle(TITLE)} />
      <p className="mt-8 max-w-2xl border-l-4 border-info bg-info-tint px-4 py-3">
        Les courriels de sécurité (confirmation d’adresse, réinitialisation du mot de passe, changement d’identifiant) sont
        toujours envoyés.
      </p>
    </>
  );
}
