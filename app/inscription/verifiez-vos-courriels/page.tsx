import type { Metadata } from 'next';
import Link from 'next/link';
import { ResendConfirmationForm } from '@/components/auth/resend-confirmation-form';
import { PageHeader } from '@/components/ui';
import { getEnv } from '@/lib/env';
import { resendConfirmationAction } from '../actions';
import { readSignupEmail } from '../signup-email-cookie';

const TITLE = 'Vérifiez votre messagerie';

export const metadata: Metadata = { title: TITLE };

// The same page whether or not the address already had an account: it never says which.
export default async function CheckEmailPage() {
  const email = await readSignupEmail();
  return (
    <div className="max-w-2xl">
      <PageHeader title={TITLE} />
      <p>
        Si cette adresse peut être utilisée, nous venons d’envoyer un lien de confirmation
        {email ? (
          <>
            {' '}
            à <strong className="break-all">{email}</strong>
          </>
        ) : null}
        . Ouvrez-le pour activer votre compte : vous pourrez ensuite vous connecter.
      </p>
      <ul className="mt-4 list-disc space-y-1 pl-6">
        <li>Le lien est valable 24 heures.</li>
        <li>Le courriel peut mettre quelques minutes à arriver. Pensez à regarder dans le dossier des courriers indésirables (spam).</li>
        <li>
          Si l’adresse est déjà associée à un compte, vous recevez à la place un courriel qui l’indique : vous pouvez alors{' '}
          <Link href="/connexion">vous connecter</Link> ou <Link href="/mot-de-passe-oublie">réinitialiser votre mot de passe</Link>.
        </li>
      </ul>
      <h2 className="mb-4 mt-10 text-2xl font-bold">Vous n’avez rien reçu ?</h2>
      <ResendConfirmationForm action={resendConfirmationAction} email={email} documentTitle={`${TITLE} — ${getEnv().PORTAL_NAME}`} />
      <p className="mt-8">
        Adresse mal saisie ? <Link href="/inscription">Recommencer l’inscription</Link>
      </p>
    </div>
  );
}
