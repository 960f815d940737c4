import type { FieldValues, UseFormRegister } from 'react-hook-form';
import type { Field } from '@/lib/procedures/definition';
import { AddressField } from './field-address';
import { ChoiceField } from './field-choice';
import { FileField, type FileFieldContext } from './field-file';
import { FilePlaceholder, InfoBlock } from './field-static';
import { TextLikeField } from './field-text';
import type { FormValue } from './form-values';

export type StepFieldsProps = {
  fields: Field[];
  isVisible: (field: Field) => boolean;
  values: Record<string, FormValue>;
  errorOf: (errorKey: string) => string | undefined;
  register: UseFormRegister<FieldValues>;
  /** Attached files and locker documents of the draft; without it a file field is only described. */
  files?: FileFieldContext;
};

function renderField(field: Field, props: StepFieldsProps) {
  const common = { value: props.values[field.key] ?? '', errorOf: props.errorOf, register: props.register };
  switch (field.type) {
    case 'info':
      return <InfoBlock field={field} />;
    case 'file':
      return props.files ? <FileField field={field} error={props.errorOf(field.key)} context={props.files} /> : <FilePlaceholder field={field} />;
    case 'address':
      return <AddressField field={field} {...common} />;
    case 'select':
    case 'radio':
    case 'checkboxes':
    case 'yesno':
      return <ChoiceField field={field} {...common} />;
    default:
      return <TextLikeField field={field} {...common} />;
  }
}

/**
 * Every field of a step, in order. A field hidden by its condition stays in the form (what was
 * typed in it is kept and posted) but is not shown; with JavaScript it appears as soon as its
 * condition holds, without JavaScript after the step is posted.
 */
export function StepFields(props: StepFieldsProps) {
  return (
    <>
      {props.fields.map((field) => (
        <div key={field.key} hidden={!props.isVisible(field)}>
          {renderField(field, props)}
        </div>
      ))}
    </>
  );
}
