import type { ComponentProps } from 'react';
import { TextField } from '@/components/ui';
import type { AnyField } from '@/lib/procedures/fields';
import type { InputFieldBase } from '@/lib/procedures/fields/field-module';
import { autocompleteOf } from '../form-values';
import { singleInput, stringFormValue, type FieldRendererProps, type FieldView } from './field-view';

type TextLike = AnyField & InputFieldBase;
type InputAttributes = Pick<ComponentProps<typeof TextField>, 'type' | 'inputMode' | 'spellCheck' | 'autoComplete' | 'autoCapitalize' | 'className'>;

/** What every text input and text area of a field carries. */
export function commonProps({ field, value, errorOf, register }: FieldRendererProps<TextLike>) {
  return {
    id: field.key,
    label: field.label,
    hint: field.hint,
    error: errorOf(field.key),
    optional: !field.required,
    defaultValue: typeof value === 'string' ? value : '',
    ...register(field.key),
  };
}

/**
 * A type answered in one text input: the keyboard and width that fit the expected answer. The
 * attributes may depend on the field (a whole number shows the numeric keyboard).
 */
export function textInputView<F extends TextLike>(attributes: InputAttributes | ((field: F) => InputAttributes)): FieldView<F> {
  return {
    render(props) {
      const { field } = props;
      const own = typeof attributes === 'function' ? attributes(field) : attributes;
      return <TextField autoComplete={autocompleteOf(field)} {...own} {...commonProps(props)} />;
    },
    toFormValue: stringFormValue,
    inputNames: singleInput,
  };
}
