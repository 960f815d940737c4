import type { ComponentProps } from 'react';
import { TextField } from '@/components/ui';
import type { FieldOf } from '@/lib/procedures/fields';
import { autocompleteOf } from '../form-values';
import { singleInput, stringFormValue, type FieldRendererProps, type FieldView } from './field-view';

type TextLikeType = 'text' | 'email' | 'tel' | 'date' | 'number' | 'siret';
type TextLike = FieldOf<TextLikeType>;
type InputAttributes = Pick<ComponentProps<typeof TextField>, 'type' | 'inputMode' | 'spellCheck' | 'autoComplete' | 'autoCapitalize' | 'className'>;

/** What every text input and text area of a field carries. */
export function commonProps({ field, value, errorOf, register }: FieldRendererProps<TextLike | FieldOf<'textarea'>>) {
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
