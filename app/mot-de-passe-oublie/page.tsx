import type { Metadata } from 'next';
import Link from 'next/link';
import { ForgotPasswordForm } from '@/components/auth/forgot-password-form';
import { titleAfterPost } from '@/components/auth/form-post';
import { Alert, PageHeader } from '@/components/ui';
import { getEnv } from '@/lib/env';
import { requestPasswordResetAction } from './actions';

const TITLE = 'Mot de passe oublié';

export async function generateMetadata(): Promise<Metadata> {
  return { title: await titleAfterPost(TITLE) };
}

type Props = { searchParams: Promise<{ demande?: string }> };

function RequestSent() {
  return (
    <>
      <Alert tone="success" title="Demande enregistrée">
        <p>Si un compte existe pour cette adresse, un courriel vient d’être envoyé avec un lien valable une heure.</p>
      </Alert>
      <ul className="list-disc space-y-1 pl-6">
        <li>Le courriel peut mettre quelques minutes à arriver : pensez au dossier des courriers indésirables (spam).</li>
        <li>Le lien ne sert qu’une fois. Si vous refaites une demande, seul le dernier lien reçu fonctionne.</li>
      </ul>
      <p className="mt-8">
        <Link href="/mot-de-passe-oublie">Faire une nouvelle demande</Link>
      </p>
      <p className="mt-2">
        <Link href="/connexion">Retour à la connexion</Link>
      </p>
    </>
  );
}

export default async function ForgotPasswordPage({ searchParams }: Props) {
  const sent = (await searchParams).demande === 'envoyee';
  return (
    <div className="max-w-2xl">
      <PageHeader title={TITLE} />
      {sent ? <RequestSent /> : <ForgotPasswordForm action={requestPasswordResetAction} documentTitle={`${TITLE} — ${getEnv().PORTAL_NAME}`} />}
    </div>
  );
}
