import type { Metadata } from 'next';
import { ConfirmAddressForm, type ConfirmedAddress } from '@/components/auth/confirm-address-form';
import { findUsableEmailToken } from '@/lib/accounts/email-tokens';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { resendConfirmationAction } from '../../inscription/actions';
import { confirmAddressAction } from './actions';

type Props = { params: Promise<{ token: string }> };

const TITLE = 'Confirmer votre adresse';

// The token is in the URL: Referer headers carry the origin only, never the path. Not "no-referrer":
// it turns the Origin of a posted form into "null", which Next refuses for server actions.
export const metadata: Metadata = { title: TITLE, referrer: 'strict-origin' };

// Read-only checks: a GET (link scanners, previews) never uses the link up.
async function findKind(token: string): Promise<ConfirmedAddress | null> {
  const db = await getDb();
  if (await findUsableEmailToken(db, token, 'confirm_signup')) return 'signup';
  if (await findUsableEmailToken(db, token, 'change_email')) return 'email-change';
  return null;
}

export default async function ConfirmAddressPage({ params }: Props) {
  const { token } = await params;
  const kind = await findKind(token);
  return <ConfirmAddressForm action={confirmAddressAction} resendAction={resendConfirmationAction} token={kind ? token : ''} kind={kind} documentTitle={`${TITLE} — ${getEnv().PORTAL_NAME}`} />;
}
