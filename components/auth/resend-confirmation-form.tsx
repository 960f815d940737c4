'use client';

import { Alert, Button, TextField } from '@/components/ui';

import type { ActionResult } from '@/lib/actions/result';
import { FormErrors } from './form-errors';
import { useServerForm, type FormAction } from './use-server-form';

// The schema is fetched when the form is first entered (decision 019).
const loadSchema = () => import('@/lib/accounts/schemas').then((m) => m.emailOnlySchema);

export type ResendConfirmationFormProps = {
  action: FormAction<ActionResult>;
  /** Known address (just typed on another form): sent as a hidden field. Otherwise the citizen types it. */
  email?: string;
  /** Shows its own error summary; off when the page already has one (one summary per page). */
  withSummary?: boolean;
  /** For the "Erreur : " title prefix when this is the page's only form. */
  documentTitle?: string;
};

/** "Renvoyer le lien" of the sign-up confirmation. */
export function ResendConfirmationForm({ action, email, withSummary = true, documentTitle }: ResendConfirmationFormProps) {
  const form = useServerForm(loadSchema, action, { fields: ['email'], defaultValues: email ? { email } : undefined });
  const sent = form.state?.ok ? form.state.message : undefined;
  return (
    <>
      {withSummary ? <FormErrors summary={form.summary} documentTitle={documentTitle} /> : null}
      {!withSummary && form.summary.formError ? <Alert tone="error" role="alert">{form.summary.formError}</Alert> : null}
      {sent ? <Alert tone="success">{sent}</Alert> : null}
      <form {...form.formProps}>
        {email ? (
          <input type="hidden" {...form.register('email')} defaultValue={email} />
        ) : (
          <TextField
            {...form.register('email')}
            label="Adresse de courriel"
            type="email"
            autoComplete="email"
            spellCheck={false}
            defaultValue={form.values.email}
            error={form.fieldError('email')}
          />
        )}
        <Button variant="secondary">Renvoyer le lien</Button>
      </form>
    </>
  );
}
