import type { FieldOf } from '@/lib/procedures/fields';
import { ChoiceGroup } from './choice-input';
import { singleInput, type FieldView } from './field-view';

/** One checkbox per option; the answer is the list of ticked values. */
export const checkboxesView: FieldView<FieldOf<'checkboxes'>> = {
  render: (props) => <ChoiceGroup {...props} options={props.field.options} />,
  toFormValue: (_field, value) => (Array.isArray(value) ? value : []),
  inputNames: singleInput,
};
