import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { PageHeader } from '@/components/ui';

export const metadata: Metadata = { title: 'Aide' };

function Question({ question, children }: { question: string; children: ReactNode }) {
  return (
    <details className="group border-b border-line">
      <summary className="py-4 pr-2 font-bold text-primary hover:bg-primary-tint group-open:pb-2">{question}</summary>
      <div className="pb-4 pl-4 [&>p+p]:mt-3 [&>ul]:mt-3">{children}</div>
    </details>
  );
}

function Theme({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-10">
      <h2 id={id} className="mb-2 text-2xl font-bold">
        {title}
      </h2>
      <div className="border-t border-line">{children}</div>
    </section>
  );
}

const themes = [
  { id: 'compte', title: 'Votre compte' },
  { id: 'relations', title: 'Vos relations' },
  { id: 'demarches', title: 'Démarches et brouillons' },
  { id: 'documents', title: 'Pièces justificatives et porte-documents' },
  { id: 'suivi', title: 'Suivi des demandes et notifications' },
  { id: 'cookies', title: 'Cookies' },
  { id: 'accessibilite', title: 'Accessibilité' },
  { id: 'donnees', title: 'Données personnelles' },
];

export default function HelpPage() {
  return (
    <div className="max-w-3xl">
      <PageHeader title="Aide" lead="Les réponses aux questions les plus fréquentes sur le portail, classées par thème." />

      <nav aria-label="Thèmes de l'aide" className="bg-surface p-4 sm:p-6">
        <h2 className="mb-2 font-bold">Sommaire</h2>
        <ul className="list-disc space-y-1 pl-6">
          {themes.map((theme) => (
            <li key={theme.id}>
              <a href={`#${theme.id}`}>{theme.title}</a>
            </li>
          ))}
        </ul>
      </nav>

      <Theme id="compte" title="Votre compte">
        <Question question="Pourquoi créer un compte ?">
          <p>
            Votre compte vous permet d’effectuer vos démarches en ligne et de suivre leur avancement. Vous saisissez une
            seule fois la plupart de vos informations personnelles : elles sont pré-remplies dans chaque nouvelle démarche.
          </p>
        </Question>
        <Question question="Puis-je créer un compte sans adresse de courriel ?">
          <p>
            Non. L’adresse de courriel est votre identifiant de connexion : elle sert à confirmer la création du compte, à
            vous envoyer un lien si vous oubliez votre mot de passe et à vous informer du suivi de vos demandes.
          </p>
        </Question>
        <Question question="Comment modifier mes informations personnelles ?">
          <p>
            Connectez-vous, puis ouvrez <strong>Mon compte</strong>. Vous pouvez y modifier toutes vos informations
            personnelles. Elles seront utilisées pour pré-remplir vos prochaines démarches.
          </p>
        </Question>
        <Question question="Quelles sont les règles pour choisir un mot de passe ?">
          <p>
            Votre mot de passe doit contenir <strong>au moins 12 caractères</strong>. Aucune combinaison imposée de
            majuscules, de chiffres ou de caractères spéciaux : une phrase facile à retenir pour vous, mais difficile à
            deviner, convient très bien. Les mots de passe trop courants sont refusés.
          </p>
          <p>Ces règles suivent la recommandation de la CNIL sur les mots de passe (2022).</p>
        </Question>
        <Question question="Comment changer mon mot de passe ?">
          <p>
            Dans <strong>Mon compte</strong>, ouvrez <strong>Mot de passe</strong>. Saisissez votre mot de passe actuel,
            puis le nouveau (au moins 12 caractères).
          </p>
        </Question>
        <Question question="J’ai oublié mon mot de passe : que faire ?">
          <p>
            Sur la page de connexion, choisissez <strong>Mot de passe oublié</strong> et indiquez votre adresse de
            courriel. Vous recevez un lien qui vous permet de choisir un nouveau mot de passe. Ce lien ne fonctionne
            qu’une seule fois et reste valable une heure.
          </p>
          <p>Nous ne vous envoyons jamais de mot de passe par courriel.</p>
        </Question>
        <Question question="Comment changer l’adresse de courriel qui me sert d’identifiant ?">
          <p>
            Dans <strong>Mon compte</strong>, ouvrez <strong>Identifiant</strong>. Saisissez la nouvelle adresse et votre
            mot de passe actuel. Un lien de confirmation est envoyé à la nouvelle adresse : le changement prend effet quand
            vous cliquez sur ce lien. Un message vous prévient aussi sur l’ancienne adresse.
          </p>
        </Question>
        <Question question="Comment supprimer mon compte ?">
          <p>
            Dans <strong>Mon compte</strong>, le lien <strong>Supprimer mon compte</strong> supprime définitivement votre
            compte et les démarches qui y sont associées. Avant de le faire, vous pouvez récupérer une copie de vos
            données avec <strong>Exporter mes données</strong>.
          </p>
        </Question>
      </Theme>

      <Theme id="relations" title="Vos relations">
        <Question question="À quoi sert la rubrique « Mes relations » ?">
          <p>
            Elle vous permet d’enregistrer les personnes pour lesquelles vous faites des démarches : vos enfants, votre
            conjoint, vos parents ou d’autres proches, mais aussi une association ou une entreprise que vous représentez.
          </p>
          <p>
            Au moment de commencer une démarche, vous indiquez pour qui vous la faites : vous-même ou l’une de vos
            relations. Les informations de la personne choisie sont alors pré-remplies.
          </p>
        </Question>
      </Theme>

      <Theme id="demarches" title="Démarches et brouillons">
        <Question question="Où trouver la liste des démarches ?">
          <p>
            Dans le menu <Link href="/demarches">Liste des démarches</Link>, ou directement sur la{' '}
            <Link href="/">page d’accueil</Link>. Vous pouvez rechercher une démarche par mot-clé ou par thème.
          </p>
        </Question>
        <Question question="Comment commencer une démarche ?">
          <p>
            Choisissez la démarche, puis le bouton <strong>Commencer</strong>. Un brouillon est créé en un clic, déjà
            pré-rempli avec les informations de votre compte. Il faut être connecté.
          </p>
        </Question>
        <Question question="Mon ordinateur s’est éteint (ou ma connexion a coupé) pendant une démarche : ai-je perdu mes réponses ?">
          <p>
            Non. Vos réponses sont enregistrées automatiquement au fur et à mesure de la saisie. Si la connexion ou
            l’alimentation est coupée, ce que vous avez saisi est conservé sur votre appareil et envoyé au portail dès
            que vous rouvrez la page.
          </p>
          <p>
            Vous retrouvez votre démarche dans <Link href="/brouillons">Mes brouillons</Link>.
          </p>
        </Question>
        <Question question="Je remplis un formulaire et je veux revenir sur une étape pour la modifier : est-ce possible ?">
          <p>
            Oui. Cliquez sur l’étape à modifier dans le récapitulatif des étapes (à droite du formulaire sur un grand
            écran, au-dessus sur un téléphone), changez vos réponses, puis validez l’étape. Vous n’avez pas besoin de
            recharger la page.
          </p>
        </Question>
      </Theme>

      <Theme id="documents" title="Pièces justificatives et porte-documents">
        <Question question="Comment fournir mes pièces justificatives ?">
          <p>Pendant que vous remplissez une démarche, vous pouvez ajouter un justificatif :</p>
          <ul className="list-disc pl-6">
            <li>depuis votre ordinateur, votre tablette ou votre téléphone ;</li>
            <li>
              ou depuis votre <strong>porte-documents</strong> : vous choisissez le document dans une liste, et une copie
              est jointe à votre démarche.
            </li>
          </ul>
          <p>
            Les fichiers acceptés sont les PDF et les images JPEG ou PNG, de 10 Mo au maximum chacun. Tant que votre
            demande n’est pas envoyée, vous pouvez retirer un fichier joint et en choisir un autre.
          </p>
        </Question>
        <Question question="Qu’est-ce que le porte-documents ?">
          <p>
            C’est votre espace de rangement personnel. Vous y déposez à l’avance les documents que vous utilisez souvent
            (justificatif de domicile, pièce d’identité…), puis vous les joignez en quelques clics aux démarches faites
            pour vous ou pour vos relations.
          </p>
          <p>
            Depuis la rubrique <Link href="/porte-documents">Porte-documents</Link>, vous pouvez ajouter un document,
            le télécharger, changer son titre ou le supprimer. Il peut contenir 100 Mo de documents au total.
          </p>
        </Question>
        <Question question="Qui peut voir mon porte-documents ?">
          <p>
            Vous seul. Le porte-documents est confidentiel : l’administration n’y a jamais accès. Elle voit uniquement la
            copie d’un document que vous avez vous-même jointe à une demande envoyée. Supprimer un document de votre
            porte-documents ne retire pas cette copie de la demande.
          </p>
        </Question>
      </Theme>

      <Theme id="suivi" title="Suivi des demandes et notifications">
        <Question question="Comment suivre mes demandes ?">
          <p>
            La rubrique <Link href="/demandes">Mes demandes</Link> affiche chacune de vos demandes envoyées et son statut.
            En ouvrant une demande, vous voyez son historique (dépôt, changements de statut, messages, réponse de
            l’administration) ; une page ouverte se met à jour d’elle-même.
          </p>
        </Question>
        <Question question="Puis-je répondre à un message de l’administration ?">
          <p>
            Oui : ouvrez votre demande dans <Link href="/demandes">Mes demandes</Link>, partie « Messages », et écrivez
            votre réponse. Elle est lue par les agents chargés de votre dossier. Vous pouvez y joindre un fichier (PDF,
            JPEG ou PNG), soumis aux mêmes règles que les pièces justificatives.
          </p>
        </Question>
        <Question question="L’administration me demande un document ou une correction : que faire ?">
          <p>
            Votre demande porte alors la mention « À compléter » dans <Link href="/demandes">Mes demandes</Link>, et vous
            en êtes prévenu comme pour un changement de statut. Ouvrez la demande : la partie « À compléter » indique ce
            qui est demandé et la date limite.
          </p>
          <p>
            Pour chaque document demandé, choisissez un fichier de votre ordinateur ou un document de votre
            porte-documents, ajoutez si besoin un message, puis envoyez le complément. Il ne s’envoie qu’une fois : vos
            fichiers sont alors transmis aux agents chargés de votre dossier et apparaissent dans le suivi de votre
            demande. Le reste de vos réponses déjà envoyées ne peut pas être modifié.
          </p>
          <p>
            Si l’administration retire sa demande (par exemple parce qu’elle n’en a plus besoin), vous en êtes prévenu :
            la mention « À compléter » disparaît et vous n’avez plus rien à envoyer pour cette demande.
          </p>
        </Question>
        <Question question="Que signifient les statuts ?">
          <p>
            Le statut indique où en est votre demande et sa prise en compte par l’administration. Les statuts sont
            définis par l’administration pour chaque démarche : vous les trouvez sur la page de présentation de la
            démarche, dans la partie « Suivi de votre demande ».
          </p>
        </Question>
        <Question question="Comment suis-je prévenu de l’avancement de ma demande ?">
          <p>
            Par une notification dans le portail (rubrique <strong>Notifications</strong>) et par courriel : changement de
            statut, message d’un agent chargé de votre dossier, demande de document ou de correction, réponse disponible. Pour protéger vos informations, le
            courriel ne reprend pas le contenu du message : vous le lisez sur le portail, une fois connecté.
          </p>
          <p>
            Vous pouvez désactiver les courriels de notification dans <strong>Mon compte</strong>, rubrique{' '}
            <strong>Mes préférences</strong>. Les courriels liés à la sécurité de votre compte (confirmation du compte,
            lien de mot de passe oublié, changement d’identifiant) sont toujours envoyés.
          </p>
        </Question>
        <Question question="Comment récupérer la réponse de l’administration ?">
          <p>
            Quand la réponse est disponible, vous en êtes prévenu. Vous la téléchargez depuis la page de votre demande,
            dans <Link href="/demandes">Mes demandes</Link>.
          </p>
        </Question>
      </Theme>

      <Theme id="cookies" title="Cookies">
        <Question question="Qu’est-ce qu’un cookie ?">
          <p>
            Un petit fichier enregistré par votre navigateur. Il peut servir à vous garder connecté, à mémoriser une
            préférence ou à mesurer l’audience d’un site.
          </p>
        </Question>
        <Question question="Quels cookies ce portail utilise-t-il ?">
          <p>
            Uniquement les cookies indispensables à la connexion et à sa sécurité. Aucun cookie de mesure d’audience,
            aucun cookie publicitaire, aucun cookie tiers. Si vous refusez tous les cookies dans votre navigateur, vous
            ne pourrez pas vous connecter. Détails sur la page <Link href="/cookies">Cookies</Link>.
          </p>
        </Question>
      </Theme>

      <Theme id="accessibilite" title="Accessibilité">
        <Question question="Comment agrandir le texte ?">
          <p>
            Vous pouvez utiliser le zoom du navigateur : touches <kbd>Ctrl</kbd> et <kbd>+</kbd> (ou <kbd>Cmd</kbd> et{' '}
            <kbd>+</kbd> sur Mac). Les pages s’adaptent à la taille de la fenêtre : même très agrandies, elles se lisent
            sans défilement horizontal.
          </p>
        </Question>
        <Question question="Le portail est-il accessible ?">
          <p>
            Il est conçu pour être utilisable au clavier, avec un lecteur d’écran et sur un petit écran. Son état de
            conformité est détaillé dans la <Link href="/accessibilite">déclaration d’accessibilité</Link>.
          </p>
        </Question>
      </Theme>

      <Theme id="donnees" title="Données personnelles">
        <Question question="Qu’est-ce que la CNIL ?">
          <p>
            La Commission nationale de l’informatique et des libertés (CNIL) a été créée par la loi n° 78-17 du 6 janvier
            1978 relative à l’informatique, aux fichiers et aux libertés. Elle veille à ce que l’informatique ne porte pas
            atteinte aux libertés individuelles et à la vie privée.
          </p>
        </Question>
        <Question question="Comment mes données sont-elles protégées ?">
          <p>
            Le portail respecte le règlement général sur la protection des données (RGPD) et les recommandations de la
            CNIL. Vos droits et la façon de les exercer sont décrits sur la page{' '}
            <Link href="/donnees-personnelles">Données personnelles</Link>.
          </p>
        </Question>
      </Theme>
    </div>
  );
}
