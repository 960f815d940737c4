import type { ReactNode } from 'react';
import type { FieldValues, UseFormRegister } from 'react-hook-form';
import type { AnswerValue } from '@/lib/procedures/answers';
import type { AnyField } from '@/lib/procedures/fields';
import type { FileFieldContext } from '../field-file';
import type { FormValue } from '../form-values';

// The browser side of a field type: how its inputs show and what they are named. The rules
// (reading the inputs back, checks, display) are the type's module in lib/procedures/fields.

/** What every renderer receives: its field, the value to show, its errors, and react-hook-form. */
export type FieldRendererProps<F> = {
  field: F;
  value: FormValue;
  /** The message to show for an error key ("nom", "adresse.postalCode"), if any. */
  errorOf: (errorKey: string) => string | undefined;
  register: UseFormRegister<FieldValues>;
  /** Attached files and locker documents of the draft; without it a file field is only described. */
  files?: FileFieldContext;
};

export type FieldView<F extends AnyField> = {
  /** The field's inputs, with label, hint and error. */
  render(props: FieldRendererProps<F>): ReactNode;
  /** A canonical answer as its inputs show it (the reverse of the module's `answer.read`). */
  toFormValue(field: F, value: AnswerValue | undefined): FormValue;
  /**
   * Names of its inputs, in page order: also its error keys (compileStep reports "<key>.<part>"
   * for a part of a composite answer) and, with "." turned into "-", the ids the summary links to.
   */
  inputNames(field: F): string[];
};

// ── Shared pieces ───────────────────────────────────────────────────────────────────────────

/** A string answer as typed in a text input. */
export const stringFormValue = (_field: unknown, value: AnswerValue | undefined): FormValue =>
  value === null || value === undefined || typeof value === 'object' ? '' : String(value);

/** One input, named by the field's key. */
export const singleInput = (field: { key: string }): string[] => [field.key];
