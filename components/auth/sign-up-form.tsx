'use client';

import Link from 'next/link';
import { Button, TextField } from '@/components/ui';

import type { ActionResult } from '@/lib/actions/result';
import { NEW_PASSWORD_HINT, PasswordField } from './password-field';
import { FormErrors } from './form-errors';
import { useServerForm, type FormAction } from './use-server-form';

// The schema is fetched when the form is first entered (decision 019).
const loadSchema = () => import('@/lib/accounts/schemas').then((m) => m.signUpSchema);

const FIELDS = ['email', 'password', 'firstNames', 'lastName'] as const;

export function SignUpForm({ action, documentTitle }: { action: FormAction<ActionResult>; documentTitle: string }) {
  const form = useServerForm(loadSchema, action, { fields: FIELDS });
  return (
    <>
      <FormErrors summary={form.summary} documentTitle={documentTitle} />
      <form {...form.formProps}>
        <TextField
          {...form.register('email')}
          label="Adresse de courriel"
          type="email"
          autoComplete="email"
          spellCheck={false}
          defaultValue={form.values.email}
          error={form.fieldError('email')}
        />
        <PasswordField
          {...form.register('password')}
          label="Mot de passe"
          hint={NEW_PASSWORD_HINT}
          autoComplete="new-password"
          error={form.fieldError('password')}
        />
        <TextField
          {...form.register('firstNames')}
          label="Prénom"
          autoComplete="given-name"
          defaultValue={form.values.firstNames}
          error={form.fieldError('firstNames')}
        />
        <TextField
          {...form.register('lastName')}
          label="Nom"
          autoComplete="family-name"
          defaultValue={form.values.lastName}
          error={form.fieldError('lastName')}
        />
        <Button>Créer mon compte</Button>
      </form>
      <p className="mt-8">
        Vous avez déjà un compte ? <Link href="/connexion">Se connecter</Link>
      </p>
    </>
  );
}
