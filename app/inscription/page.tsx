import type { Metadata } from 'next';
import { titleAfterPost } from '@/components/auth/form-post';
import { SignUpForm } from '@/components/auth/sign-up-form';
import { PageHeader } from '@/components/ui';
import { getEnv } from '@/lib/env';
import { signUpAction } from './actions';

const TITLE = 'Créer un compte';

export async function generateMetadata(): Promise<Metadata> {
  return { title: await titleAfterPost(TITLE) };
}

export default function SignUpPage() {
  return (
    <div className="max-w-2xl">
      <PageHeader title={TITLE} />
      <p className="mb-8">
        Une adresse de courriel est nécessaire pour créer un compte : elle sert à vous connecter et à recevoir les liens de
        confirmation.
      </p>
      <SignUpForm action={signUpAction} documentTitle={`${TITLE} — ${getEnv().PORTAL_NAME}`} />
    </div>
  );
}
