import { Alert } from '@/components/ui';
import type { Field } from '@/lib/procedures/definition';

/** An information block of the definition: no input, nothing stored. */
export function InfoBlock({ field }: { field: Extract<Field, { type: 'info' }> }) {
  return (
    <Alert tone="info" title={field.label} role="none" className="mt-0 mb-6">
      <p>{field.body}</p>
    </Alert>
  );
}

export const FILE_PLACEHOLDER = 'Le dépôt de pièces justificatives arrive avec le porte-documents.';

/** Attachments come with the document locker: until then the field says so, and blocks nothing. */
export function FilePlaceholder({ field }: { field: Extract<Field, { type: 'file' }> }) {
  return (
    <div id={field.key} className="mb-6">
      <p className="mb-1 font-medium">
        {field.label}
        {field.required ? null : <span className="font-normal text-ink-soft"> (facultatif)</span>}
      </p>
      {field.hint ? <p className="mb-2 text-sm text-ink-soft">{field.hint}</p> : null}
      <p className="border-l-4 border-line bg-surface px-4 py-3">{FILE_PLACEHOLDER}</p>
    </div>
  );
}
