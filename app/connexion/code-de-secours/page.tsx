import type { Metadata } from 'next';
import Link from 'next/link';
import { titleAfterPost } from '@/components/auth/form-post';
import { SecondFactorForm } from '@/components/auth/second-factor-form';
import { PageHeader } from '@/components/ui';
import { getEnv } from '@/lib/env';
import { requirePendingSignIn } from '../second-factor-page';
import { verifyRecoveryCodeAction } from './actions';

const TITLE = 'Utiliser un code de secours';

export async function generateMetadata(): Promise<Metadata> {
  return { title: await titleAfterPost(TITLE) };
}

type Props = { searchParams: Promise<{ next?: string | string[] }> };

export default async function RecoveryCodePage({ searchParams }: Props) {
  const { pending, next } = await requirePendingSignIn('code', (await searchParams).next);
  return (
    <div className="max-w-2xl">
      <PageHeader title={TITLE} lead="Un code de secours remplace le code de votre application, une seule fois.">
        <p>
          Connexion de <strong className="break-all">{pending.email}</strong>.
        </p>
      </PageHeader>
      <SecondFactorForm
        action={verifyRecoveryCodeAction}
        kind="recovery"
        next={next}
        submitLabel="Valider le code de secours"
        documentTitle={`${TITLE} — ${getEnv().PORTAL_NAME}`}
      />
      <p className="mt-8">
        <Link href={`/connexion/code?next=${encodeURIComponent(next)}`}>Saisir plutôt le code de mon application</Link>
      </p>
    </div>
  );
}
