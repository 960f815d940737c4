import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { FlashMessage } from '@/components/account/flash-message';
import { ProfileForm } from '@/components/account/profile-form';
import { SignOutEverywhereForm } from '@/components/account/sign-out-everywhere-form';
import { PageHeader } from '@/components/ui';
import { getAccountContext } from '@/lib/accounts/app-context';
import { getProfile } from '@/lib/accounts/profile';
import { requireCitizen } from '@/lib/auth/guards';
import { saveProfile, signOutEverywhere } from './actions';
import { documentTitle } from './document-title';

const TITLE = 'Mes informations personnelles';
export const metadata: Metadata = { title: TITLE };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AccountPage({ searchParams }: Props) {
  const user = await requireCitizen('/compte');
  const { db } = await getAccountContext();
  const profile = await getProfile(db, user.id);
  if (!profile) notFound();
  const { email, ...values } = profile;
  const signedOutElsewhere = (await searchParams).sessions === 'fermees';
  return (
    <>
      {signedOutElsewhere ? <FlashMessage message="Vous avez été déconnecté de tous vos autres appareils. Cet appareil reste connecté." /> : null}
      <PageHeader
        title={TITLE}
        lead="Ces informations sont reprises automatiquement dans chaque nouvelle démarche que vous commencez : vous n’avez pas à les saisir à nouveau. Vous pourrez toujours les corriger dans la démarche."
      >
        <p>
          Vous vous connectez avec l’adresse <strong className="break-all">{email}</strong>.{' '}
          <Link href="/compte/identifiant">Changer d’identifiant</Link>
        </p>
      </PageHeader>
      <ProfileForm action={saveProfile} profile={values} documentTitle={documentTitle(TITLE)} />

      <section aria-labelledby="sessions-title" className="mt-12 max-w-2xl border-t border-line pt-8">
        <h2 id="sessions-title" className="text-2xl font-bold">
          Se déconnecter de tous les appareils
        </h2>
        <p className="my-4">
          Si vous vous êtes connecté sur un ordinateur partagé ou si vous avez perdu un appareil, vous pouvez fermer toutes vos
          autres sessions. Cet appareil-ci reste connecté.
        </p>
        <SignOutEverywhereForm action={signOutEverywhere} documentTitle={documentTitle(TITLE)} />
      </section>
    </>
  );
}
