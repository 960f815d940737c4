import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { Alert, Button, PageHeader } from '@/components/ui';
import { getCurrentUser } from '@/lib/auth/guards';
import { readRecoveryCodesToShow } from '@/lib/auth/second-factor/pending-sign-in';
import { afterSignInPath } from '../paths';
import { acknowledgeRecoveryCodesAction } from './actions';

const TITLE = 'Vos codes de secours';
export const metadata: Metadata = { title: TITLE };

type Props = { searchParams: Promise<{ next?: string | string[] }> };

// Shown once, right after enrolment: the codes are stored hashed and cannot be displayed again.
export default async function RecoveryCodesPage({ searchParams }: Props) {
  const next = afterSignInPath((await searchParams).next);
  const user = await getCurrentUser();
  if (!user) redirect(`/connexion?callbackUrl=${encodeURIComponent(next)}`);
  const codes = await readRecoveryCodesToShow(user.id);
  if (!codes) {
    return (
      <div className="max-w-2xl">
        <PageHeader title={TITLE} />
        <p>Vos codes de secours ont déjà été affichés : pour votre sécurité, ils ne le sont qu’une fois.</p>
        <p className="mt-4">
          <Link href={next}>Continuer</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="max-w-2xl">
      <PageHeader title={TITLE} lead="La double authentification est activée." />
      <Alert tone="warning" title="Conservez ces codes maintenant">
        <p>
          Chaque code permet de vous connecter une fois si vous n’avez plus accès à votre application (téléphone perdu ou changé). Notez-les
          ou enregistrez-les dans votre gestionnaire de mots de passe : ils ne seront plus affichés.
        </p>
      </Alert>
      <ol aria-label="Codes de secours" className="mb-8 grid list-decimal gap-x-12 gap-y-2 pl-8 font-mono text-lg sm:grid-cols-2">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <form action={acknowledgeRecoveryCodesAction}>
        <input type="hidden" name="next" value={next} />
        <Button>J’ai conservé mes codes de secours, continuer</Button>
      </form>
    </div>
  );
}
