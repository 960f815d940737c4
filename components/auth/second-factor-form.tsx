'use client';

import { Button, TextField } from '@/components/ui';
import type { ActionResult } from '@/lib/actions/result';
import { FormErrors } from './form-errors';
import { useServerForm, type FormAction } from './use-server-form';

// The schemas are fetched when the form is first entered (decision 019).
const loadTotpSchema = () => import('@/lib/auth/second-factor/schemas').then((m) => m.totpCodeSchema);
const loadRecoverySchema = () => import('@/lib/auth/second-factor/schemas').then((m) => m.recoveryCodeSchema);

export type SecondFactorFormProps = {
  action: FormAction<ActionResult>;
  /** A 6-digit code from the app, or one of the recovery codes. */
  kind: 'totp' | 'recovery';
  /** Same-site path to go to once signed in (already checked by the page). */
  next: string;
  submitLabel: string;
  documentTitle: string;
};

const texts = {
  totp: {
    label: 'Code à 6 chiffres',
    hint: 'Ouvrez votre application d’authentification et saisissez le code affiché pour ce portail. Il change toutes les 30 secondes.',
  },
  recovery: {
    label: 'Code de secours',
    hint: 'Un des dix codes de secours obtenus lors de l’activation, par exemple abcd-efgh-jkmn-pqrs. Chaque code ne sert qu’une fois.',
  },
};

export function SecondFactorForm({ action, kind, next, submitLabel, documentTitle }: SecondFactorFormProps) {
  const form = useServerForm(kind === 'totp' ? loadTotpSchema : loadRecoverySchema, action, { fields: ['code'] });
  return (
    <>
      <FormErrors summary={form.summary} documentTitle={documentTitle} />
      <form {...form.formProps}>
        <input type="hidden" name="next" value={next} />
        <TextField
          {...form.register('code')}
          label={texts[kind].label}
          hint={texts[kind].hint}
          autoComplete={kind === 'totp' ? 'one-time-code' : 'off'}
          inputMode={kind === 'totp' ? 'numeric' : 'text'}
          spellCheck={false}
          autoCapitalize="none"
          className={kind === 'totp' ? 'max-w-[10rem] font-mono tracking-widest' : 'max-w-xs font-mono'}
          error={form.fieldError('code')}
        />
        <Button>{submitLabel}</Button>
      </form>
    </>
  );
}
