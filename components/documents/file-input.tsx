import type { ComponentProps, ReactNode } from 'react';
import { ErrorMessage, Hint, Label } from '@/components/ui';

export type FileInputProps = {
  name: string;
  id?: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
} & Omit<ComponentProps<'input'>, 'type' | 'id' | 'name'>;

/** A file input, GOV.UK style: label, hint, error tied by aria-describedby. Works without JavaScript. */
export function FileInput({ name, id, label, hint, error, optional, className, ...input }: FileInputProps) {
  const fieldId = id ?? name;
  const hintId = hint ? `${fieldId}-hint` : undefined;
  const errorId = error ? `${fieldId}-error` : undefined;
  return (
    <div className={['mb-6', error ? 'border-l-4 border-error pl-4' : ''].join(' ')}>
      <Label htmlFor={fieldId} optional={optional}>
        {label}
      </Label>
      {hint ? <Hint id={hintId!}>{hint}</Hint> : null}
      {error ? <ErrorMessage id={errorId!}>{error}</ErrorMessage> : null}
      <input
        {...input}
        id={fieldId}
        name={name}
        type="file"
        aria-invalid={error || input['aria-invalid'] ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        className={[
          'block w-full max-w-xl border-2 bg-white p-2 text-base file:mr-4 file:min-h-11 file:cursor-pointer file:border-2 file:border-primary file:bg-white file:px-4 file:font-medium file:text-primary',
          error ? 'border-error' : 'border-ink-muted',
          className ?? '',
        ].join(' ')}
      />
    </div>
  );
}
