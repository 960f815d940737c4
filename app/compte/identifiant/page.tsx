import type { Metadata } from 'next';
import { ChangeEmailForm } from '@/components/account/change-email-form';
import { PageHeader } from '@/components/ui';
import { requireCitizen } from '@/lib/auth/guards';
import { documentTitle } from '../document-title';
import { changeLoginEmail } from './actions';

const TITLE = 'Changer d’identifiant';
export const metadata: Metadata = { title: TITLE };

export default async function LoginEmailPage() {
  const user = await requireCitizen('/compte/identifiant');
  return (
    <>
      <PageHeader
        title={TITLE}
        lead="Votre identifiant est l’adresse de courriel avec laquelle vous vous connectez. C’est aussi l’adresse où vous recevez nos messages."
      />
      <p className="mb-8">
        Identifiant actuel : <strong className="break-all">{user.email}</strong>
      </p>
      <ChangeEmailForm action={changeLoginEmail} documentTitle={documentTitle(TITLE)} />
      <p className="mt-8 max-w-2xl text-ink-muted">
        Une fois le changement confirmé, vos sessions ouvertes sur d’autres appareils sont fermées et vous devrez vous connecter avec
        la nouvelle adresse.
      </p>
    </>
  );
}
