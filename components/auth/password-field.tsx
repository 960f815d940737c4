'use client';

import { useState, type ComponentProps, type ReactNode } from 'react';
import { ErrorMessage, Hint, Label } from '@/components/ui';
import { useHydrated } from './use-hydrated';

export const NEW_PASSWORD_HINT = 'Au moins 12 caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.';

export type PasswordFieldProps = Omit<ComponentProps<'input'>, 'type' | 'id' | 'name' | 'autoComplete'> & {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  autoComplete: 'current-password' | 'new-password';
};

/**
 * A password input with the field markup of TextField, plus "Afficher le mot de passe": a toggle
 * that exists only once JavaScript runs (without it, the button would do nothing).
 */
export function PasswordField({ name, label, hint, error, autoComplete, ...input }: PasswordFieldProps) {
  const hydrated = useHydrated();
  const [visible, setVisible] = useState(false);
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  return (
    <div className={error ? 'mb-6 border-l-4 border-error pl-4' : 'mb-6'}>
      <Label htmlFor={name}>{label}</Label>
      {hint ? <Hint id={hintId!}>{hint}</Hint> : null}
      {error ? <ErrorMessage id={errorId!}>{error}</ErrorMessage> : null}
      <input
        {...input}
        id={name}
        name={name}
        type={visible ? 'text' : 'password'}
        autoComplete={autoComplete}
        // A visible password must not be sent to spell-check services or auto-capitalised.
        spellCheck={false}
        autoCapitalize="none"
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        className={`block min-h-11 w-full max-w-xl border-2 bg-white px-3 py-2 text-base text-ink ${error ? 'border-error' : 'border-ink-muted'}`}
      />
      {hydrated ? (
        <button
          type="button"
          aria-controls={name}
          aria-pressed={visible}
          onClick={() => setVisible((v) => !v)}
          className="mt-2 cursor-pointer text-primary underline underline-offset-4"
        >
          Afficher le mot de passe
        </button>
      ) : null}
    </div>
  );
}
