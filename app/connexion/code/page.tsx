import type { Metadata } from 'next';
import Link from 'next/link';
import { titleAfterPost } from '@/components/auth/form-post';
import { SecondFactorForm } from '@/components/auth/second-factor-form';
import { PageHeader } from '@/components/ui';
import { getEnv } from '@/lib/env';
import { requirePendingSignIn } from '../second-factor-page';
import { verifyCodeAction } from './actions';

const TITLE = 'Saisissez votre code de vérification';

export async function generateMetadata(): Promise<Metadata> {
  return { title: await titleAfterPost(TITLE) };
}

type Props = { searchParams: Promise<{ next?: string | string[] }> };

export default async function SecondFactorCodePage({ searchParams }: Props) {
  const { pending, next } = await requirePendingSignIn('code', (await searchParams).next);
  return (
    <div className="max-w-2xl">
      <PageHeader
        title={TITLE}
        lead="Votre compte donne accès à l’espace agents : après le mot de passe, un code à usage unique vous est demandé."
      >
        <p>
          Connexion de <strong className="break-all">{pending.email}</strong>.
        </p>
      </PageHeader>
      <SecondFactorForm action={verifyCodeAction} kind="totp" next={next} submitLabel="Valider le code" documentTitle={`${TITLE} — ${getEnv().PORTAL_NAME}`} />
      <h2 className="mb-2 mt-10 text-xl font-bold">Vous n’avez plus accès à votre application ?</h2>
      <p>
        <Link href={`/connexion/code-de-secours?next=${encodeURIComponent(next)}`}>Utiliser un code de secours</Link>
      </p>
      <p className="mt-2">Sans code de secours, demandez à un administrateur de réinitialiser votre double authentification.</p>
    </div>
  );
}
