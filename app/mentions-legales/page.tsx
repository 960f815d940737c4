import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { PageHeader } from '@/components/ui';
import { getEnv } from '@/lib/env';
import { accessibilityLinkLabel, buildAccessibilityStatement } from '@/lib/statements/accessibility';

export const metadata: Metadata = { title: 'Mentions légales' };

function ToComplete({ children }: { children: ReactNode }) {
  return <span className="bg-warning-tint px-1 text-warning">[{children}]</span>;
}

export default function LegalNoticePage() {
  const { PORTAL_NAME } = getEnv();
  return (
    <div className="prose-public">
      <PageHeader title="Mentions légales" />

      <h2>Éditeur</h2>
      <p>
        Le site {PORTAL_NAME} est édité par <ToComplete>nom de la collectivité ou de l’administration</ToComplete>,{' '}
        <ToComplete>adresse postale</ToComplete>, <ToComplete>téléphone</ToComplete>.
      </p>
      <p>
        Directeur ou directrice de la publication : <ToComplete>nom et fonction</ToComplete>.
      </p>

      <h2>Hébergement</h2>
      <p>
        Le site est hébergé par <ToComplete>nom de l’hébergeur</ToComplete>, <ToComplete>adresse postale et téléphone de
        l’hébergeur</ToComplete>.
      </p>

      <h2>Logiciel libre</h2>
      <p>
        Le portail repose sur un logiciel libre, publié sous la licence publique de l’Union européenne (EUPL 1.2). Vous
        pouvez l’étudier, le réutiliser et l’améliorer. Code source : <ToComplete>adresse du dépôt, à compléter</ToComplete>.
      </p>

      <h2>Liens vers d’autres sites</h2>
      <p>
        Les liens vers d’autres sites publics sont donnés à titre d’information. L’éditeur n’est pas responsable de leur
        contenu.
      </p>

      <h2>Voir aussi</h2>
      <ul>
        <li>
          <Link href="/donnees-personnelles">Données personnelles</Link>
        </li>
        <li>
          <Link href="/cookies">Cookies</Link>
        </li>
        <li>
          <Link href="/accessibilite">{accessibilityLinkLabel(buildAccessibilityStatement(getEnv()))}</Link>
        </li>
      </ul>
    </div>
  );
}
