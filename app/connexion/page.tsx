import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { titleAfterPost } from '@/components/auth/form-post';
import { SignInForm } from '@/components/auth/sign-in-form';
import { Alert, PageHeader } from '@/components/ui';
import { getCurrentUser } from '@/lib/auth/guards';
import { getEnv } from '@/lib/env';
import { resendConfirmationAction } from '../inscription/actions';
import { signInAction } from './actions';
import { afterSignInPath, landingFor } from './paths';

const TITLE = 'Se connecter';

export async function generateMetadata(): Promise<Metadata> {
  return { title: await titleAfterPost(TITLE) };
}

type Props = { searchParams: Promise<{ callbackUrl?: string | string[]; cookies?: string; motdepasse?: string; expiree?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = afterSignInPath(params.callbackUrl);
  // Already signed in (another tab, the back button): nothing to do here.
  const user = await getCurrentUser();
  if (user) redirect(landingFor(callbackUrl, user.role));
  return (
    <div className="max-w-2xl">
      <PageHeader title={TITLE} />
      {params.motdepasse === 'modifie' ? (
        <Alert tone="success" title="Mot de passe modifié">
          <p>Votre mot de passe a été modifié. Vos autres sessions ont été fermées.</p>
          <p>Connectez-vous avec votre nouveau mot de passe. Un courriel de confirmation vous a été envoyé.</p>
        </Alert>
      ) : null}
      {params.expiree === '1' ? (
        <Alert tone="warning" title="Votre session a expiré">
          <p>Pour protéger vos données, vous avez été déconnecté. Reconnectez-vous pour revenir à la page où vous étiez.</p>
        </Alert>
      ) : null}
      <SignInForm
        action={signInAction}
        resendAction={resendConfirmationAction}
        callbackUrl={callbackUrl}
        cookiesRefused={params.cookies === 'refuses'}
        documentTitle={`${TITLE} — ${getEnv().PORTAL_NAME}`}
      />
    </div>
  );
}
