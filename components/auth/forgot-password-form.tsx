'use client';

import Link from 'next/link';
import { Alert, Button, ErrorSummary, TextField } from '@/components/ui';
import { emailOnlySchema } from '@/lib/accounts/schemas';
import type { ActionResult } from '@/lib/auth/action';
import { useServerForm, type FormAction } from './use-server-form';

export function ForgotPasswordForm({ action }: { action: FormAction<ActionResult> }) {
  const form = useServerForm(emailOnlySchema, action, { fields: ['email'] });
  if (form.state?.ok) {
    return (
      <>
        <Alert tone="success" title="Demande enregistrée">
          <p>{form.state.message}</p>
        </Alert>
        <ul className="list-disc space-y-1 pl-6">
          <li>Le courriel peut mettre quelques minutes à arriver : pensez au dossier des courriers indésirables (spam).</li>
          <li>Le lien ne sert qu’une fois. Si vous refaites une demande, seul le dernier lien reçu fonctionne.</li>
        </ul>
        <p className="mt-8">
          <Link href="/connexion">Retour à la connexion</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <ErrorSummary key={form.summary.key} errors={form.summary.errors} formError={form.summary.formError} />
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
