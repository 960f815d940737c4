import type { Metadata } from 'next';
import { titleAfterPost } from '@/components/auth/form-post';
import { ResetPasswordForm } from '@/components/auth/reset-password-form';
import { findUsableEmailToken } from '@/lib/accounts/email-tokens';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { resetPasswordAction } from './actions';

type Props = { params: Promise<{ token: string }> };

const TITLE = 'Réinitialiser le mot de passe';

export async function generateMetadata(): Promise<Metadata> {
  // The token is in the URL: Referer headers carry the origin only, never the path. Not "no-referrer":
  // it turns the Origin of a posted form into "null", which Next refuses for server actions.
  return { title: await titleAfterPost(TITLE), referrer: 'strict-origin' };
}

export default async function ResetPasswordPage({ params }: Props) {
  const { token } = await params;
  // Read-only: showing the page never uses the link up (only posting the new password does).
  const usable = !!(await findUsableEmailToken(await getDb(), token, 'reset_password'));
  return <ResetPasswordForm action={resetPasswordAction} token={usable ? token : ''} usable={usable} documentTitle={`${TITLE} — ${getEnv().PORTAL_NAME}`} />;
}
