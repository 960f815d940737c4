'use client';

import Link from 'next/link';
import { useSyncExternalStore } from 'react';
import { Alert, Button, TextField } from '@/components/ui';

import type { ActionResult } from '@/lib/actions/result';
import { PasswordField } from './password-field';
import { ResendConfirmationForm } from './resend-confirmation-form';
import { FormErrors } from './form-errors';
import { useServerForm, type FormAction } from './use-server-form';

// The schema is fetched when the form is first entered (decision 019).
const loadSchema = () => import('@/lib/accounts/schemas').then((m) => m.signInSchema);

export type SignInFormState = ActionResult & { unconfirmed?: boolean };

export type SignInFormProps = {
  action: FormAction<SignInFormState>;
  resendAction: FormAction<ActionResult>;
  /** Same-site path to go to after signing in (already checked by the page). */
  callbackUrl: string;
  /** The last sign-in worked but the browser did not keep the session cookie. */
  cookiesRefused?: boolean;
  documentTitle: string;
};

const COOKIES_REQUIRED_MESSAGE = 'La navigation connectée nécessite les cookies : autorisez-les pour ce site dans votre navigateur.';

const FIELDS = ['email', 'password'] as const;
const subscribe = () => () => {};

export function SignInForm({ action, resendAction, callbackUrl, cookiesRefused, documentTitle }: SignInFormProps) {
  const form = useServerForm(loadSchema, action, { fields: FIELDS });
  // Browsers that block every cookie say so up front: warn before a sign-in that could not last.
  const cookiesBlocked = useSyncExternalStore(subscribe, () => !navigator.cookieEnabled, () => false);
  const state = form.state;
  const unconfirmedEmail = state && !state.ok && state.unconfirmed ? state.values?.email : undefined;
  return (
    <>
      {cookiesRefused || cookiesBlocked ? (
        <Alert tone="error" role="alert" title="Cookies refusés">
          <p>{COOKIES_REQUIRED_MESSAGE}</p>
          <p>
            Le portail n’utilise que des cookies nécessaires à la connexion, sans publicité ni mesure d’audience.{' '}
            <Link href="/cookies">En savoir plus sur les cookies</Link>
          </p>
        </Alert>
      ) : null}
      <FormErrors summary={form.summary} documentTitle={documentTitle} />
      {unconfirmedEmail ? (
        <div className="mb-8 border-l-4 border-info bg-info-tint px-4 py-3">
          <p className="mb-3">Vous n’avez pas reçu le lien, ou il a expiré ? Recevez-en un nouveau, valable 24 heures.</p>
          <ResendConfirmationForm action={resendAction} email={unconfirmedEmail} withSummary={false} />
        </div>
      ) : null}
      <form {...form.formProps}>
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <TextField
          {...form.register('email')}
          label="Adresse de courriel"
          type="email"
          autoComplete="email"
          spellCheck={false}
          defaultValue={form.values.email}
          error={form.fieldError('email')}
        />
        <PasswordField {...form.register('password')} label="Mot de passe" autoComplete="current-password" error={form.fieldError('password')} />
        <p className="mb-6">
          <Link href="/mot-de-passe-oublie">Mot de passe oublié ?</Link>
        </p>
        <Button>Se connecter</Button>
      </form>
      <h2 className="mb-2 mt-10 text-xl font-bold">Vous n’avez pas de compte ?</h2>
      <p>
        <Link href="/inscription">Créer un compte</Link>
      </p>
    </>
  );
}
