import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { PageHeader } from '@/components/ui';

export const metadata: Metadata = { title: 'Données personnelles' };

/** Text the organisation deploying the portal must fill in; visibly marked as such. */
function ToComplete({ children }: { children: ReactNode }) {
  return <span className="bg-warning-tint px-1 text-warning">[{children}]</span>;
}

export default function PersonalDataPage() {
  return (
    <div className="prose-public">
      <PageHeader
        title="Données personnelles"
        lead="Comment vos données sont utilisées quand vous effectuez vos démarches sur ce portail, et comment exercer vos droits."
      />

      <h2>Responsable du traitement</h2>
      <p>
        Le responsable du traitement est la collectivité ou l’administration qui met ce portail à votre disposition :{' '}
        <ToComplete>nom et adresse de la collectivité, à compléter</ToComplete>.
      </p>
      <p>
        Délégué à la protection des données : <ToComplete>adresse de courriel et adresse postale du délégué, à compléter</ToComplete>.
      </p>

      <h2>À quoi servent vos données</h2>
      <ul>
        <li>créer et gérer votre compte, et pré-remplir vos démarches ;</li>
        <li>enregistrer vos brouillons et transmettre vos demandes aux services compétents ;</li>
        <li>permettre à ces services d’instruire vos demandes et de vous répondre ;</li>
        <li>vous informer de l’avancement de vos demandes (notifications et courriels) ;</li>
        <li>conserver les documents que vous rangez dans votre porte-documents ;</li>
        <li>assurer la sécurité du portail et de votre compte.</li>
      </ul>

      <h2>Base légale</h2>
      <p>
        Ces traitements sont nécessaires à l’exécution d’une mission de service public dont est investi le responsable du
        traitement (article 6, paragraphe 1, point e, du règlement général sur la protection des données). Certaines
        démarches reposent en plus sur une obligation légale, indiquée le cas échéant sur leur page.
      </p>

      <h2>Les données concernées</h2>
      <ul>
        <li>votre identité et vos coordonnées : nom, prénoms, adresse de courriel, téléphone, adresse postale, date de naissance ;</li>
        <li>les informations des personnes et organisations que vous enregistrez dans « Mes relations » ;</li>
        <li>vos réponses aux démarches et les pièces justificatives jointes ;</li>
        <li>les documents de votre porte-documents ;</li>
        <li>
          des données techniques de sécurité : dates de connexion, changements de mot de passe ou d’identifiant. Votre mot
          de passe n’est jamais conservé en clair.
        </li>
      </ul>

      <h2>Durées de conservation</h2>
      <ul>
        <li>compte, relations et porte-documents : tant que votre compte existe ;</li>
        <li>brouillons : jusqu’à leur envoi ou jusqu’à la suppression de votre compte ;</li>
        <li>
          demandes envoyées : le temps de leur instruction, puis selon les règles d’archivage propres à chaque démarche{' '}
          <ToComplete>durées à préciser par la collectivité</ToComplete> ;
        </li>
        <li>
          journaux de sécurité : <ToComplete>durée à préciser, par exemple 12 mois</ToComplete>.
        </li>
      </ul>

      <h2>Qui peut voir vos données</h2>
      <p>
        Seuls les agents habilités des services chargés d’une démarche voient les demandes que vous leur avez envoyées, avec
        les pièces jointes. Vos brouillons et votre porte-documents ne sont jamais accessibles à l’administration : elle ne
        voit que la copie d’un document que vous avez vous-même jointe à une demande envoyée.
      </p>
      <p>
        L’hébergeur du portail (voir les <Link href="/mentions-legales">mentions légales</Link>) et le prestataire d’envoi
        des courriels <ToComplete>à compléter</ToComplete> traitent les données pour le seul compte du responsable du
        traitement. Vos données ne sont ni vendues ni cédées.
      </p>

      <h2>Vos droits</h2>
      <p>Vous disposez des droits suivants sur vos données :</p>
      <ul>
        <li>
          <strong>accès et rectification</strong> : vous consultez et modifiez vos informations dans <strong>Mon compte</strong> ;
        </li>
        <li>
          <strong>effacement</strong> : le lien <strong>Supprimer mon compte</strong>, dans <strong>Mon compte</strong>,
          supprime votre compte et les démarches qui y sont associées ;
        </li>
        <li>
          <strong>copie de vos données</strong> : <Link href="/compte/export">Exporter mes données</Link> vous permet de
          télécharger les informations de votre compte ;
        </li>
        <li>
          <strong>limitation</strong> et <strong>opposition</strong> : vous pouvez demander que l’utilisation de vos données
          soit limitée, ou vous y opposer pour des raisons tenant à votre situation particulière.
        </li>
      </ul>
      <p>
        Pour exercer ces droits, ou pour toute question, écrivez au délégué à la protection des données (adresse
        ci-dessus). Une réponse vous est apportée dans un délai d’un mois.
      </p>

      <h2>Réclamation auprès de la CNIL</h2>
      <p>
        La Commission nationale de l’informatique et des libertés (CNIL) est l’autorité administrative indépendante créée
        par la loi n° 78-17 du 6 janvier 1978 relative à l’informatique, aux fichiers et aux libertés. Elle veille à ce que
        l’informatique ne porte atteinte ni à l’identité humaine, ni aux droits de l’homme, ni à la vie privée, ni aux
        libertés individuelles ou publiques.
      </p>
      <p>
        Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez adresser une
        réclamation à la CNIL : <a href="https://www.cnil.fr/fr/plaintes">www.cnil.fr/fr/plaintes</a>.
      </p>

      <h2>Cookies</h2>
      <p>
        Le portail n’utilise que des cookies strictement nécessaires. Voir la page <Link href="/cookies">Cookies</Link>.
      </p>
    </div>
  );
}
