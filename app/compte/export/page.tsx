import type { Metadata } from 'next';
import { buttonClassName, PageHeader } from '@/components/ui';
import { requireCitizen } from '@/lib/auth/guards';

export const metadata: Metadata = { title: 'Exporter mes données' };

const contents = [
  ['account', 'votre identifiant (adresse de courriel) et les dates de création et de confirmation du compte'],
  ['profile', 'vos informations personnelles : civilité, noms, prénoms, date et lieu de naissance, adresse, téléphone'],
  ['preferences', 'vos préférences de notification par courriel'],
  ['relations', 'vos relations : proches, associations et entreprises'],
  ['dossiers', 'vos brouillons et vos demandes déposées : numéro, démarche, statut, réponses saisies, dates, liste des pièces jointes, messages échangés et historique des statuts'],
  ['notifications', 'les notifications reçues sur le portail'],
  ['lockerDocuments', 'la liste des documents de votre porte-documents (titre, nom du fichier, type, taille, date)'],
] as const;

export default async function ExportPage() {
  await requireCitizen('/compte/export');
  return (
    <>
      <PageHeader
        title="Exporter mes données"
        lead="Téléchargez en un fichier tout ce que le portail conserve sur vous, pour le consulter ou le réutiliser ailleurs."
      />
      <div className="max-w-2xl">
        <p className="mb-3">
          Le fichier est au format JSON, lisible par un éditeur de texte et par la plupart des logiciels. Il contient, par rubrique :
        </p>
        <ul className="mb-6 list-disc space-y-1 pl-6">
          {contents.map(([key, text]) => (
            <li key={key}>
              <code lang="en">{key}</code> : {text}
            </li>
          ))}
        </ul>
        <p className="mb-6">
          Il ne contient ni votre mot de passe, ni le contenu des fichiers : les documents se téléchargent un par un depuis votre
          porte-documents ou depuis chaque demande.
        </p>
        <a href="/compte/export/mes-donnees" download="mes-donnees-portail.json" className={buttonClassName('primary')}>
          Télécharger mes données (fichier JSON)
        </a>
      </div>
    </>
  );
}
