import type { Metadata } from 'next';
import Link from 'next/link';
import { Button, PageHeader } from '@/components/ui';
import { getCurrentUser } from '@/lib/auth/guards';
import { signOutAction } from './actions';
import { SignOutForm } from '@/components/auth/sign-out-form';

export const metadata: Metadata = { title: 'Se déconnecter' };

export default async function SignOutPage() {
  const user = await getCurrentUser();
  if (!user) {
    return (
      <div className="max-w-2xl">
        <PageHeader title="Vous n’êtes pas connecté" />
        <p>
          <Link href="/connexion">Se connecter</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="max-w-2xl">
      <PageHeader title="Se déconnecter" lead={`Vous êtes connecté en tant que ${user.email}.`} />
      <p className="mb-6">La déconnexion ferme votre session sur tous vos appareils.</p>
      <SignOutForm action={signOutAction}>
        <Button>Se déconnecter</Button>
      </SignOutForm>
    </div>
  );
}
