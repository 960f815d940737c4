import type { Metadata } from 'next';
import { ConfirmPasswordForm } from '@/components/account/confirm-password-form';
import { Alert, buttonClassName, PageHeader } from '@/components/ui';
import { hasRecentAuthentication } from '@/lib/accounts/recent-authentication';
import { requireCitizen } from '@/lib/auth/guards';
import { documentTitle } from '../document-title';
import { confirmExportPassword } from './actions';

const TITLE = 'Exporter mes données';
export const metadata: Metadata = { title: TITLE };

const contents = [
  'LISEZMOI.txt : ce qui se trouve où dans l’archive',
  'donnees.json : votre compte, vos informations personnelles, vos préférences, vos relations, vos brouillons et vos demandes (réponses saisies, statuts, messages), vos notifications et le journal des opérations sur votre compte',
  'porte-documents : les documents de votre porte-documents',
  'demandes : pour chaque demande déposée, son récépissé, vos pièces justificatives et les réponses de l’administration',
  'brouillons : les pièces jointes à vos brouillons',
];

export default async function ExportPage() {
  const user = await requireCitizen('/compte/export');
  const ready = await hasRecentAuthentication(user);
  return (
    <>
      <PageHeader
        title={TITLE}
        lead="Téléchargez en une archive ZIP tout ce que le portail conserve sur vous, avec vos documents, pour le consulter ou le réutiliser ailleurs."
      />
      <div className="max-w-2xl">
        <p className="mb-3">L’archive contient :</p>
        <ul className="mb-6 list-disc space-y-1 pl-6">
          {contents.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
        <p className="mb-6">Elle ne contient pas votre mot de passe. Gardez-la en lieu sûr : elle contient vos informations personnelles.</p>
        {ready ? (
          <Alert tone="success" title="Votre archive est prête">
            <p className="mb-4">Le lien est valable 5 minutes. Au-delà, confirmez à nouveau votre mot de passe.</p>
            <a href="/compte/export/archive" download className={buttonClassName('primary')}>
              Télécharger mes données (archive ZIP)
            </a>
          </Alert>
        ) : (
          <>
            <h2 className="mb-3 text-2xl font-bold">Confirmez votre mot de passe</h2>
            <ConfirmPasswordForm action={confirmExportPassword} documentTitle={documentTitle(TITLE)} submitLabel="Confirmer et préparer l’archive" />
          </>
        )}
      </div>
    </>
  );
}
