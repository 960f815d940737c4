import { ErrorMessage, Hint, Label } from '@/components/ui';
import { ACCEPT_ATTRIBUTE, ACCEPTED_FORMATS_LABEL, MAX_UPLOAD_BYTES } from '@/lib/documents/limits';

// A file input with its label, hint and error, as the other upload forms show it. A file input
// cannot be refilled after an error: the hint says to choose the file again.

type Props = { name: string; id?: string; label: string; error?: string; optional?: boolean; hint?: string };

export function FileInput({ name, id = name, label, error, optional, hint }: Props) {
  const rules = `Formats acceptés : ${ACCEPTED_FORMATS_LABEL}. Taille maximale : ${MAX_UPLOAD_BYTES / (1024 * 1024)} Mo.`;
  const text = [hint, rules, error ? 'Choisissez à nouveau le fichier.' : null].filter(Boolean).join(' ');
  return (
    <div className={['mb-6', error ? 'border-l-4 border-error pl-4' : ''].join(' ')}>
      <Label htmlFor={id} optional={optional}>
        {label}
      </Label>
      <Hint id={`${id}-hint`}>{text}</Hint>
      {error ? <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage> : null}
      <input
        id={id}
        name={name}
        type="file"
        accept={ACCEPT_ATTRIBUTE}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        className={[
          'block w-full max-w-xl border-2 bg-white p-2 text-base file:mr-4 file:min-h-11 file:cursor-pointer file:border-2 file:border-primary file:bg-white file:px-4 file:font-medium file:text-primary',
          error ? 'border-error' : 'border-ink-muted',
        ].join(' ')}
      />
    </div>
  );
}
