import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui';
import { getEnv } from '@/lib/env';
import { getRetentionDefaults } from '@/lib/lifecycle/retention-rules';
import { listProcessings } from '@/lib/statements/processings';

export const metadata: Metadata = { title: 'Données personnelles' };

export default function PersonalDataPage() {
  const env = getEnv();
  const processings = listProcessings(getRetentionDefaults());
  const dpo = <a href={`mailto:${env.DPO_EMAIL}`}>{env.DPO_EMAIL}</a>;
  return (
    <div className="prose-public">
      <PageHeader
        title="Données personnelles"
        lead="Comment vos données sont utilisées quand vous effectuez vos démarches sur ce portail, combien de temps elles sont conservées, et comment exercer vos droits."
      />

      <h2>Responsable du traitement</h2>
      <p>
        Le responsable du traitement est {env.ORGANISATION_NAME}, {env.ORGANISATION_ADDRESS}, qui met ce portail à votre
        disposition.
      </p>
      <p>Délégué à la protection des données : {dpo}.</p>

      <h2>Les traitements</h2>
      <p>
        Pour chaque usage de vos données : à quoi il sert, sur quelle base légale, combien de temps les données sont
        conservées et qui peut les voir. Les durées ci-dessous sont celles que le portail applique automatiquement, chaque
        nuit.
      </p>
      {processings.map((processing, i) => (
        <section key={processing.name} aria-labelledby={`traitement-${i}`}>
          <h3 id={`traitement-${i}`}>{processing.name}</h3>
          <dl>
            <dt>Finalité</dt>
            <dd>{processing.purpose}</dd>
            <dt>Base légale</dt>
            <dd>{processing.legalBasis}</dd>
            <dt>Durée de conservation</dt>
            <dd>
              <ul>
                {processing.retention.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </dd>
            <dt>Destinataires</dt>
            <dd>{processing.recipients}</dd>
          </dl>
        </section>
      ))}

      <h2>Sous-traitants</h2>
      <p>
        L’hébergeur du portail (voir les <Link href="/mentions-legales">mentions légales</Link>) et le prestataire d’envoi
        des courriels traitent les données pour le seul compte du responsable du traitement. Vos données ne sont ni
        vendues ni cédées.
      </p>

      <h2>Vos droits et comment les exercer</h2>
      <ul>
        <li>
          <strong>Accès et portabilité</strong> : <Link href="/compte/export">Exporter mes données</Link>, dans Mon compte,
          vous donne en une archive ZIP toutes les données que le portail conserve sur vous et tous vos documents, après
          confirmation de votre mot de passe.
        </li>
        <li>
          <strong>Rectification</strong> : vous modifiez vos informations dans <Link href="/compte">Mon compte</Link> et vos
          proches dans <Link href="/relations">Mes relations</Link>. Pour une demande déjà envoyée, écrivez au service par la
          messagerie de la demande.
        </li>
        <li>
          <strong>Effacement</strong> : <Link href="/compte/supprimer">Supprimer mon compte</Link> efface votre compte, vos
          relations, vos brouillons, vos demandes et votre porte-documents, fichiers compris. Vous pouvez aussi supprimer un
          brouillon ou un document à tout moment.
        </li>
        <li>
          <strong>Limitation et opposition</strong> : écrivez au délégué à la protection des données ({dpo}), en précisant
          la demande concernée.
        </li>
      </ul>
      <p>
        Pour toute question ou pour un droit qui ne s’exerce pas en ligne, écrivez au délégué à la protection des données
        ({dpo}) ou à {env.ORGANISATION_NAME} (<a href={`mailto:${env.CONTACT_EMAIL}`}>{env.CONTACT_EMAIL}</a>). Une réponse
        vous est apportée dans un délai d’un mois.
      </p>

      <h2>Réclamation auprès de la CNIL</h2>
      <p>
        Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez adresser une
        réclamation à la Commission nationale de l’informatique et des libertés (CNIL) :{' '}
        <a href="https://www.cnil.fr/fr/plaintes">www.cnil.fr/fr/plaintes</a>.
      </p>

      <h2>Cookies</h2>
      <p>
        Le portail n’utilise que des cookies strictement nécessaires. Voir la page <Link href="/cookies">Cookies</Link>.
      </p>
    </div>
  );
}
