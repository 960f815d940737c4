import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui';

export const metadata: Metadata = { title: 'Page introuvable' };

export default function NotFound() {
  return (
    <div className="prose-public">
      <PageHeader title="Page introuvable" lead="La page que vous cherchez n’existe pas ou n’est pas accessible avec votre compte." />
      <p>
        Si vous avez saisi l’adresse, vérifiez qu’elle est exacte. Si vous avez suivi un lien, il est peut-être ancien :
        la page a pu être déplacée ou supprimée.
      </p>
      <p>
        Pour protéger les informations de chacun, le portail répond aussi « page introuvable » quand une demande, un
        brouillon ou un document ne vous appartient pas. Vérifiez que vous êtes connecté avec le bon compte.
      </p>
      <h2>Vous pouvez aller vers :</h2>
      <ul>
        <li>
          <Link href="/">la page d’accueil</Link> ;
        </li>
        <li>
          <Link href="/demarches">la liste des démarches</Link> ;
        </li>
        <li>
          <Link href="/demandes">vos demandes</Link> ou <Link href="/brouillons">vos brouillons</Link> ;
        </li>
        <li>
          <Link href="/aide">l’aide</Link>.
        </li>
      </ul>
    </div>
  );
}
