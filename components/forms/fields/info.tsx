import { Alert } from '@/components/ui';
import type { FieldOf } from '@/lib/procedures/fields';
import { singleInput, type FieldView } from './field-view';

/** An information block of the definition: no input, nothing stored. */
export const infoView: FieldView<FieldOf<'info'>> = {
  render: ({ field }) => (
    <Alert tone="info" title={field.label} role="none" className="mt-0 mb-6">
      <p>{field.body}</p>
    </Alert>
  ),
  toFormValue: () => '',
  inputNames: singleInput,
};
