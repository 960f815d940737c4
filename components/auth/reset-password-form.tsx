'use client';

import Link from 'next/link';
import { Alert, Button, ErrorSummary, PageHeader } from '@/components/ui';
import { resetPasswordSchema } from '@/lib/accounts/schemas';
import type { ActionResult } from '@/lib/auth/action';
import { LinkExpired } from './link-expired';
import { NEW_PASSWORD_HINT, PasswordField } from './password-field';
import { useServerForm, type FormAction } from './use-server-form';

export type ResetPasswordFormState = ActionResult & { linkExpired?: boolean };

export type ResetPasswordFormProps = {
  action: FormAction<ResetPasswordFormState>;
  /** Already in the page URL; posted back so the action can consume it. */
  token: string;
  /** Whether the link could still be used when the page was requested. */
  usable: boolean;
};

// The action's answer wins over the page's check: without JavaScript the page is rendered again
// after the post, when the link has just been used up.
export function ResetPasswordForm({ action, token, usable }: ResetPasswordFormProps) {
  const form = useServerForm(resetPasswordSchema, action, { fields: ['password'] });
  const state = form.state;
  if (state?.ok) {
    return (
      <div className="max-w-2xl">
        <PageHeader title="Mot de passe modifié" />
        <Alert tone="success">
          <p>Votre mot de passe a été modifié. Vos autres sessions ont été fermées.</p>
        </Alert>
        <p>Un courriel de confirmation vous a été envoyé. Vous pouvez maintenant vous connecter avec votre nouveau mot de passe.</p>
        <p className="mt-6">
          <Link href="/connexion">Se connecter</Link>
        </p>
      </div>
    );
  }
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
      <ErrorSummary key={form.summary.key} errors={form.summary.errors} formError={form.summary.formError} />
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
