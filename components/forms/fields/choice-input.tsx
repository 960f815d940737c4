import type { UseFormRegisterReturn } from 'react-hook-form';
import { Fieldset } from '@/components/ui';
import type { FieldOf } from '@/lib/procedures/fields';
import type { FieldRendererProps } from './field-view';

type Option = { value: string; label: string };

// The first option carries the field key as id: the error summary and "Modifier" links point at it.
const optionId = (key: string, index: number) => (index === 0 ? key : `${key}-${index + 1}`);

function ChoiceInput(props: { type: 'radio' | 'checkbox'; id: string; option: Option; checked: boolean; invalid: boolean; registered: UseFormRegisterReturn }) {
  const { type, id, option, checked, invalid, registered } = props;
  return (
    <div className="flex items-start gap-3 py-1.5">
      <input
        {...registered}
        id={id}
        type={type}
        value={option.value}
        defaultChecked={checked}
        aria-invalid={invalid ? true : undefined}
        className="mt-0.5 size-6 shrink-0 cursor-pointer accent-primary"
      />
      <label htmlFor={id} className="cursor-pointer">
        {option.label}
      </label>
    </div>
  );
}

/** Radio buttons or checkboxes in a fieldset. */
export function ChoiceGroup(props: FieldRendererProps<FieldOf<'radio' | 'checkboxes' | 'yesno'>> & { options: Option[]; inline?: boolean }) {
  const { field, value, errorOf, register, options, inline } = props;
  const error = errorOf(field.key);
  const type = field.type === 'checkboxes' ? 'checkbox' : 'radio';
  const checked = new Set(Array.isArray(value) ? value : typeof value === 'string' ? [value] : []);
  const registered = register(field.key);
  return (
    <Fieldset id={field.key} legend={field.label} hint={field.hint} error={error} optional={!field.required}>
      <div className={inline ? 'flex flex-wrap gap-x-8' : undefined}>
        {options.map((option, index) => (
          <ChoiceInput
            key={option.value}
            type={type}
            id={optionId(field.key, index)}
            option={option}
            checked={checked.has(option.value)}
            invalid={!!error}
            registered={registered}
          />
        ))}
      </div>
    </Fieldset>
  );
}
