'use client';

import Link from 'next/link';
import { Button, PageHeader } from '@/components/ui';

import type { ActionResult } from '@/lib/actions/result';
import { LinkExpired } from './link-expired';
import { NEW_PASSWORD_HINT, PasswordField } from './password-field';
import { FormErrors } from './form-errors';
import { useServerForm, type FormAction } from './use-server-form';

// The schema is fetched when the form is first entered (decision 019).
const loadSchema = () => import('@/lib/accounts/schemas').then((m) => m.resetPasswordSchema);

export type ResetPasswordFormState = ActionResult & { linkExpired?: boolean };

export type ResetPasswordFormProps = {
  action: FormAction<ResetPasswordFormState>;
  /** Already in the page URL; posted back so the action can consume it. */
  token: string;
  /** Whether the link could still be used when the page was requested. */
  usable: boolean;
  documentTitle: string;
};

// Success redirects to the sign-in page. The action's answer wins over the page's check: the link
// may have expired between showing the form and posting it.
export function ResetPasswordForm({ action, token, usable, documentTitle }: ResetPasswordFormProps) {
  const form = useServerForm(loadSchema, action, { fields: ['password'] });
  const state = form.state;
  if ((state && !state.ok && state.linkExpired) || (!state && !usable)) {
    return (
      <LinkExpired lifetime="une heure">
        <p>
          <Link href="/mot-de-passe-oublie">Demander un nouveau lien</Link>
        </p>
      </LinkExpired>
    );
  }
  return (
    <div className="max-w-2xl">
      <PageHeader title="Choisir un nouveau mot de passe" />
      <FormErrors summary={form.summary} documentTitle={documentTitle} />
      <form {...form.formProps}>
        <input type="hidden" name="token" value={token} />
        <PasswordField
          {...form.register('password')}
          label="Nouveau mot de passe"
          hint={NEW_PASSWORD_HINT}
          autoComplete="new-password"
          error={form.fieldError('password')}
        />
        <p className="mb-6">Une fois le mot de passe modifié, toutes vos sessions ouvertes sur d’autres appareils seront fermées.</p>
        <Button>Enregistrer le mot de passe</Button>
      </form>
    </div>
  );
}
