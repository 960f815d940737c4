import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui';
import { formatDay } from '@/lib/common/dates';
import { getEnv } from '@/lib/env';
import { ACCESSIBILITY_CHECKS, buildAccessibilityStatement } from '@/lib/statements/accessibility';

export const metadata: Metadata = { title: 'Déclaration d’accessibilité' };

export default function AccessibilityPage() {
  const env = getEnv();
  const { PORTAL_NAME, publicOrigin } = env;
  const statement = buildAccessibilityStatement(env);
  const auditDay = statement.auditDate ? formatDay(new Date(`${statement.auditDate}T12:00:00Z`)) : undefined;
  return (
    <div className="prose-public">
      <PageHeader
        title="Déclaration d’accessibilité"
        lead={auditDay ? `Établie le ${auditDay}, à la suite d’un audit complet.` : 'Établie sur la base des vérifications décrites ci-dessous, en attendant un audit complet.'}
      />

      <p>
        {statement.organisation} s’engage à rendre ses services en ligne accessibles, conformément à l’article 47 de la loi
        n° 2005-102 du 11 février 2005.
      </p>
      <p>
        Cette déclaration d’accessibilité s’applique au site {PORTAL_NAME} ({publicOrigin}).
      </p>

      <h2>État de conformité</h2>
      <p>
        Le site {PORTAL_NAME} est <strong>{statement.words}</strong> avec le référentiel général d’amélioration de
        l’accessibilité (RGAA), version 4.1.
      </p>
      {statement.audited ? (
        <p>
          L’audit complet réalisé le {auditDay}
          {statement.auditRate !== undefined ? ` révèle que ${statement.auditRate.toLocaleString('fr-FR')} % des critères du RGAA sont respectés` : ' en établit le résultat'}.
        </p>
      ) : (
        <p>
          Aucun audit complet n’a encore été réalisé : cet état repose sur les vérifications listées ci-dessous, faites à
          chaque modification du portail. Les résultats de l’audit seront publiés sur cette page.
        </p>
      )}

      <h2>Ce qui a été vérifié</h2>
      <ul>
        {ACCESSIBILITY_CHECKS.map((check) => (
          <li key={check}>{check}</li>
        ))}
      </ul>

      <h2>Vous pouvez utiliser le zoom du navigateur</h2>
      <p>
        Pour agrandir le texte, utilisez les touches <kbd>Ctrl</kbd> et <kbd>+</kbd> (<kbd>Cmd</kbd> et <kbd>+</kbd> sur
        Mac) ; pour revenir à la taille normale, <kbd>Ctrl</kbd> et <kbd>0</kbd>. Les pages s’adaptent à la largeur de la
        fenêtre.
      </p>

      <h2>Contenus non accessibles</h2>
      <p>
        {statement.audited
          ? 'Les non-conformités relevées par l’audit sont en cours de correction.'
          : 'En attendant l’audit, la liste des non-conformités n’est pas établie.'}{' '}
        Les documents transmis par les usagers ou par l’administration (par exemple des documents numérisés au format PDF)
        peuvent ne pas être accessibles.
      </p>

      <h2>Retour d’information et contact</h2>
      <p>
        Si vous n’arrivez pas à accéder à un contenu ou à un service, contactez-nous pour être orienté vers une
        alternative accessible ou obtenir le contenu sous une autre forme : par courriel à{' '}
        <a href={`mailto:${statement.contactEmail}`}>{statement.contactEmail}</a>, ou par courrier : {statement.organisation},{' '}
        {statement.address}.
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
