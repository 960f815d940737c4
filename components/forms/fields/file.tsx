import type { FieldOf } from '@/lib/procedures/fields';
import { FileField } from '../field-file';
import { singleInput, type FieldView } from './field-view';

export const FILE_PLACEHOLDER = 'Le dépôt de pièces justificatives arrive avec le porte-documents.';

/** Without the draft's files (a preview of the form), the field is only described and blocks nothing. */
function FilePlaceholder({ field }: { field: FieldOf<'file'> }) {
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

/** Pièces justificatives: the renderer is components/forms/field-file.tsx (the files have their own buttons). */
export const fileView: FieldView<FieldOf<'file'>> = {
  render: ({ field, errorOf, files }) => (files ? <FileField field={field} error={errorOf(field.key)} context={files} /> : <FilePlaceholder field={field} />),
  // Files are not inputs of the step's form values: they are sent with their own buttons.
  toFormValue: () => '',
  inputNames: singleInput,
};
