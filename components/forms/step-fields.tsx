import type { FieldValues, UseFormRegister } from 'react-hook-form';
import type { Field } from '@/lib/procedures/definition';
import type { FileFieldContext } from './field-file';
import { renderField } from './fields';
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

/**
 * Every field of a step, in order, each drawn by its type's view (./fields). A field hidden by
 * its condition stays in the form (what was typed in it is kept and posted) but is not shown;
 * with JavaScript it appears as soon as its condition holds, without JavaScript after the step is posted.
 */
export function StepFields({ fields, isVisible, values, errorOf, register, files }: StepFieldsProps) {
  return (
    <>
      {fields.map((field) => (
        <div key={field.key} hidden={!isVisible(field)}>
          {renderField({ field, value: values[field.key] ?? '', errorOf, register, files })}
        </div>
      ))}
    </>
  );
}
