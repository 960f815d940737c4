import type { Metadata } from 'next';
import { ChangePasswordForm } from '@/components/account/change-password-form';
import { FlashMessage } from '@/components/account/flash-message';
import { PageHeader } from '@/components/ui';
import { requireCitizen } from '@/lib/auth/guards';
import { PASSWORD_MIN_LENGTH } from '@/lib/security/password-rules';
import { documentTitle } from '../document-title';
import { changeOwnPassword } from './actions';

const TITLE = 'Changer de mot de passe';
export const metadata: Metadata = { title: TITLE };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PasswordPage({ searchParams }: Props) {
  await requireCitizen('/compte/mot-de-passe');
  const changed = (await searchParams).modifie === '1';
  return (
    <>
      {changed ? (
        <FlashMessage message="Votre mot de passe a été modifié. Vos sessions ouvertes sur d’autres appareils ont été fermées. Un courriel de confirmation vous a été envoyé." />
      ) : null}
      <PageHeader title={TITLE} lead="Après le changement, vous restez connecté sur cet appareil ; vos sessions ouvertes ailleurs sont fermées." />
      <ChangePasswordForm action={changeOwnPassword} minLength={PASSWORD_MIN_LENGTH} documentTitle={documentTitle(TITLE)} />
    </>
  );
}
