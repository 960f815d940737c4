import type { Metadata } from 'next';
import QRCode from 'qrcode';
import { titleAfterPost } from '@/components/auth/form-post';
import { SecondFactorForm } from '@/components/auth/second-factor-form';
import { PageHeader } from '@/components/ui';
import { decodeTotpSecret, groupTotpSecret, totpKeyUri } from '@/lib/auth/second-factor/totp';
import { getEnv } from '@/lib/env';
import { requirePendingSignIn } from '../second-factor-page';
import { confirmEnrolmentAction } from './actions';

const TITLE = 'Activez la double authentification';

export async function generateMetadata(): Promise<Metadata> {
  return { title: await titleAfterPost(TITLE) };
}

type Props = { searchParams: Promise<{ next?: string | string[] }> };

export default async function EnrolmentPage({ searchParams }: Props) {
  const { pending, next } = await requirePendingSignIn('enrol', (await searchParams).next);
  const secret = pending.enrolSecret!;
  const portalName = getEnv().PORTAL_NAME;
  // An inline SVG: no image request, nothing for the content security policy to allow.
  const qrCode = await QRCode.toString(totpKeyUri(portalName, pending.email, decodeTotpSecret(secret)), { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return (
    <div className="max-w-2xl">
      <PageHeader
        title={TITLE}
        lead="Votre compte donne accès à l’espace agents, où se trouvent les pièces d’identité des usagers : un mot de passe seul ne suffit pas. À chaque connexion, un code à usage unique vous sera demandé."
      >
        <p>
          Compte : <strong className="break-all">{pending.email}</strong>
        </p>
      </PageHeader>
      <ol className="mb-8 list-decimal space-y-6 pl-6">
        <li>
          <p>
            Installez une application d’authentification sur votre téléphone (par exemple FreeOTP, Aegis, Google Authenticator ou Microsoft
            Authenticator), ou utilisez votre gestionnaire de mots de passe.
          </p>
        </li>
        <li>
          <p className="mb-3">Ajoutez-y ce portail en scannant ce QR code :</p>
          <div
            role="img"
            aria-label="QR code à scanner avec votre application d’authentification"
            className="w-56 max-w-full border border-line bg-white"
            dangerouslySetInnerHTML={{ __html: qrCode }}
          />
          <p className="mb-2 mt-4">Ou saisissez cette clé dans l’application (type « basé sur le temps », 6 chiffres, 30 secondes) :</p>
          <p>
            <code id="cle-secrete" className="inline-block break-all bg-surface px-2 py-1 font-mono text-lg">
              {groupTotpSecret(secret)}
            </code>
          </p>
          <p className="mt-2 text-sm text-ink-soft">Gardez cette clé pour vous : elle permet de produire vos codes.</p>
        </li>
        <li>
          <p>Saisissez le code affiché par l’application pour confirmer.</p>
        </li>
      </ol>
      <SecondFactorForm
        action={confirmEnrolmentAction}
        kind="totp"
        next={next}
        submitLabel="Activer la double authentification"
        documentTitle={`${TITLE} — ${portalName}`}
      />
    </div>
  );
}
