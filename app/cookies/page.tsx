import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui';

export const metadata: Metadata = { title: 'Cookies' };

const cookies = [
  {
    name: 'Cookie de session',
    purpose:
      'Vous garder connecté d’une page à l’autre. Il contient un jeton signé, illisible par les scripts de la page (cookie « HttpOnly »), et n’est transmis qu’à ce portail.',
    duration: 'Jusqu’à votre déconnexion ou l’expiration de votre session.',
  },
  {
    name: 'Cookie de protection de la connexion',
    purpose:
      'Vérifier que le formulaire de connexion a bien été envoyé depuis ce portail, et non par un site malveillant (protection « CSRF »).',
    duration: 'Le temps de la connexion.',
  },
  {
    name: 'Cookie d’appareil reconnu',
    purpose:
      'Se souvenir que ce navigateur s’est déjà connecté à votre compte, pour qu’il puisse toujours se connecter quand quelqu’un d’autre multiplie les essais de mot de passe sur votre compte (ces essais-là sont ralentis). Il contient un jeton signé avec l’identifiant technique de votre compte (ni votre nom, ni votre adresse de courriel), illisible par les scripts de la page (cookie « HttpOnly »).',
    duration: 'Un an après votre dernière connexion depuis ce navigateur.',
  },
];

export default function CookiesPage() {
  return (
    <div className="prose-public">
      <PageHeader
        title="Cookies"
        lead="Ce portail n’utilise que les cookies strictement nécessaires à son fonctionnement. Il ne dépose aucun cookie de mesure d’audience, de publicité ou de réseau social."
      />

      <h2>Qu’est-ce qu’un cookie ?</h2>
      <p>
        Un cookie est un petit fichier enregistré par votre navigateur quand vous consultez un site. Il peut servir à
        vous authentifier, à conserver l’état de votre session, à mémoriser une préférence ou à suivre votre navigation.
      </p>

      <h2>Les cookies déposés par ce portail</h2>
      <p>Trois cookies seulement, tous liés à votre connexion :</p>
      <dl className="border-t border-line">
        {cookies.map((cookie) => (
          <div key={cookie.name} className="border-b border-line py-4">
            <dt>{cookie.name}</dt>
            <dd className="mt-1">{cookie.purpose}</dd>
            <dd>
              <span className="font-medium">Durée : </span>
              {cookie.duration}
            </dd>
          </div>
        ))}
      </dl>
      <p>
        Ces cookies ne servent qu’au fonctionnement du service que vous demandez. Ils ne sont partagés avec personne.
      </p>

      <h2>Pas de mesure d’audience, pas de cookies tiers</h2>
      <p>
        Le portail ne fait appel à aucun outil de mesure d’audience, à aucune régie publicitaire ni à aucun service
        extérieur qui déposerait ses propres cookies : il ne charge aucun script, aucune police ni aucune image depuis un
        autre site.
      </p>

      <h2>Pourquoi il n’y a pas de bandeau de consentement</h2>
      <p>
        Les cookies strictement nécessaires au service demandé par l’utilisateur sont dispensés de consentement
        (article 82 de la loi n° 78-17 du 6 janvier 1978 et lignes directrices de la CNIL). Comme le portail n’utilise
        que de tels cookies, il n’a rien à vous demander.
      </p>

      <h2>Vos saisies conservées sur votre appareil</h2>
      <p>
        Pendant que vous remplissez une démarche, vos réponses sont aussi conservées dans le stockage local de votre
        navigateur. Ce n’est pas un cookie : ces informations ne sont lues que par ce portail, pour envoyer vos saisies
        au serveur si la connexion a été coupée. Sur un ordinateur partagé, pensez à vous déconnecter à la fin de votre
        démarche.
      </p>

      <h2>Refuser les cookies</h2>
      <p>
        Vous pouvez configurer votre navigateur pour accepter ou refuser les cookies, et choisir leur durée de
        conservation. Mais si vous refusez tous les cookies, la navigation connectée devient impossible : vous ne pourrez
        plus vous connecter à votre compte ni effectuer vos démarches. La consultation de la{' '}
        <Link href="/demarches">liste des démarches</Link> et de l’<Link href="/aide">aide</Link> reste possible.
      </p>

      <p>
        Pour en savoir plus sur vos données, consultez la page <Link href="/donnees-personnelles">Données personnelles</Link>.
      </p>
    </div>
  );
}
