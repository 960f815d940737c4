'use client';

import Link from 'next/link';
import { Button, TextField } from '@/components/ui';

import type { ActionResult } from '@/lib/actions/result';
import { FormErrors } from './form-errors';
import { useServerForm, type FormAction } from './use-server-form';

// The schema is fetched when the form is first entered (decision 019).
const loadSchema = () => import('@/lib/accounts/schemas').then((m) => m.emailOnlySchema);

export function ForgotPasswordForm({ action, documentTitle }: { action: FormAction<ActionResult>; documentTitle: string }) {
  const form = useServerForm(loadSchema, action, { fields: ['email'] });
  return (
    <>
      <FormErrors summary={form.summary} documentTitle={documentTitle} />
      <p className="mb-6">
        Saisissez l’adresse de courriel de votre compte. Nous vous enverrons un lien pour choisir un nouveau mot de passe. Aucun
        mot de passe n’est jamais envoyé par courriel.
      </p>
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
        <Button>Recevoir un lien</Button>
      </form>
      <p className="mt-8">
        <Link href="/connexion">Retour à la connexion</Link>
      </p>
    </>
  );
}
