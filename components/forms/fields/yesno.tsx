import type { FieldOf } from '@/lib/procedures/fields';
import { ChoiceGroup } from './choice-input';
import { singleInput, type FieldView } from './field-view';

const YES_NO = [
  { value: 'oui', label: 'Oui' },
  { value: 'non', label: 'Non' },
];

/** Two radio buttons side by side; true and false are posted as "oui" and "non". */
export const yesnoView: FieldView<FieldOf<'yesno'>> = {
  render: (props) => <ChoiceGroup {...props} options={YES_NO} inline />,
  toFormValue: (_field, value) => (value === true ? 'oui' : value === false ? 'non' : ''),
  inputNames: singleInput,
};
