import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { PageHeader } from '@/components/ui';
import { getEnv } from '@/lib/env';

export const metadata: Metadata = { title: 'Déclaration d’accessibilité' };

function ToComplete({ children }: { children: ReactNode }) {
  return <span className="bg-warning-tint px-1 text-warning">[{children}]</span>;
}

export default function AccessibilityPage() {
  const { PORTAL_NAME, publicOrigin } = getEnv();
  return (
    <div className="prose-public">
      <PageHeader title="Déclaration d’accessibilité" lead={
          <>
            Établie le <ToComplete>date à compléter</ToComplete>.
          </>
        }
      />

      <p>
        <ToComplete>Nom de la collectivité</ToComplete> s’engage à rendre ses services en ligne accessibles, conformément à
        l’article 47 de la loi n° 2005-102 du 11 février 2005.
      </p>
      <p>
        Cette déclaration d’accessibilité s’applique au site {PORTAL_NAME} ({publicOrigin}).
      </p>

      <h2>État de conformité</h2>
      <p>
        Le site {PORTAL_NAME} est <strong>non conforme</strong> avec le référentiel général d’amélioration de
        l’accessibilité (RGAA), version 4.1 : aucun audit n’a encore été réalisé, et le RGAA demande dans ce cas de
        déclarer le site non conforme, quels que soient les efforts déjà faits.
      </p>
      <p>
        Un audit complet est prévu <ToComplete>date ou période à compléter</ToComplete>. Ses résultats seront publiés
        sur cette page.
      </p>

      <h2>Ce qui a été fait</h2>
      <ul>
        <li>toutes les pages se parcourent et s’utilisent au clavier, avec une indication visible de l’élément actif ;</li>
        <li>un lien « Aller au contenu », en tête de page, permet de passer directement au contenu principal ;</li>
        <li>
          les pages restent lisibles avec un zoom à 200 %, et s’affichent sans défilement horizontal sur un écran de 320
          pixels de large ;
        </li>
        <li>le menu fonctionne sans JavaScript, y compris sur petit écran ;</li>
        <li>chaque champ de formulaire a une étiquette, et ses indications ou erreurs lui sont reliées ;</li>
        <li>
          en cas d’erreur, un récapitulatif en haut du formulaire reçoit le focus et donne un lien vers chaque champ à
          corriger ;
        </li>
        <li>les contrastes entre le texte et le fond respectent un rapport d’au moins 4,5:1 ;</li>
        <li>la langue des pages (français) est déclarée ;</li>
        <li>les pages publiques font l’objet de tests automatiques d’accessibilité (outil axe-core).</li>
      </ul>

      <h2>Vous pouvez utiliser le zoom du navigateur</h2>
      <p>
        Pour agrandir le texte, utilisez les touches <kbd>Ctrl</kbd> et <kbd>+</kbd> (<kbd>Cmd</kbd> et <kbd>+</kbd> sur
        Mac) ; pour revenir à la taille normale, <kbd>Ctrl</kbd> et <kbd>0</kbd>. Les pages s’adaptent à la largeur de la
        fenêtre.
      </p>

      <h2>Contenus non accessibles</h2>
      <p>
        En attendant l’audit, la liste des non-conformités n’est pas établie. Les documents transmis par les usagers ou par
        l’administration (par exemple des documents numérisés au format PDF) peuvent ne pas être accessibles.
      </p>

      <h2>Retour d’information et contact</h2>
      <p>
        Si vous n’arrivez pas à accéder à un contenu ou à un service, contactez-nous pour être orienté vers une
        alternative accessible ou obtenir le contenu sous une autre forme :{' '}
        <ToComplete>adresse de courriel et adresse postale de contact, à compléter</ToComplete>.
      </p>

      <h2>Voies de recours</h2>
      <p>
        Cette procédure est à utiliser dans le cas suivant : vous avez signalé au responsable du site un défaut
        d’accessibilité qui vous empêche d’accéder à un contenu ou à un service du portail, et vous n’avez pas obtenu de
        réponse satisfaisante.
      </p>
      <ul>
        <li>
          écrire un message au Défenseur des droits :{' '}
          <a href="https://formulaire.defenseurdesdroits.fr/">formulaire en ligne du Défenseur des droits</a> ;
        </li>
        <li>
          contacter le délégué du Défenseur des droits dans votre région :{' '}
          <a href="https://www.defenseurdesdroits.fr/carte-des-delegues">carte des délégués</a> ;
        </li>
        <li>
          envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120,
          75342 Paris CEDEX 07.
        </li>
      </ul>
    </div>
  );
}
