import type { ComponentProps, ReactNode } from 'react';

// Form fields, GOV.UK/DSFR style: label, optional hint, error message tied to the control by
// aria-describedby, aria-invalid on the control. Server components: they also work without JS.
// `ref` passes through (React 19), so react-hook-form's register() can be spread on them.

export type FieldError = string | string[] | undefined;
export type Option = { value: string; label: string; hint?: string };

type FieldBase = {
  name: string;
  /** Defaults to name. The error summary links to `#id`. */
  id?: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: FieldError;
  /** Appends "(facultatif)" to the label: fields are required unless said otherwise. */
  optional?: boolean;
};

const controlBase =
  'block w-full min-h-11 border-2 bg-white px-3 py-2 text-base text-ink placeholder:text-ink-soft';

function errorText(error: FieldError): string | undefined {
  const text = Array.isArray(error) ? error.join(' ') : error;
  return text ? text : undefined;
}

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const value = ids.filter(Boolean).join(' ');
  return value || undefined;
}

function join(...classes: (string | false | undefined)[]): string {
  return classes.filter(Boolean).join(' ');
}

export function Label({ htmlFor, children, optional }: { htmlFor: string; children: ReactNode; optional?: boolean }) {
  return (
    <label htmlFor={htmlFor} className="mb-1 block font-medium">
      {children}
      {optional ? <span className="font-normal text-ink-soft"> (facultatif)</span> : null}
    </label>
  );
}

export function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="mb-2 text-sm text-ink-soft">
      {children}
    </p>
  );
}

export function ErrorMessage({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="mb-2 font-bold text-error">
      <span className="sr-only">Erreur : </span>
      {children}
    </p>
  );
}

/** Wrapper of one field: spacing, and the red left border of a field in error. */
function FieldGroup({ invalid, children }: { invalid: boolean; children: ReactNode }) {
  return <div className={join('mb-6', invalid && 'border-l-4 border-error pl-4')}>{children}</div>;
}

function fieldIds(name: string, id: string | undefined, hint: ReactNode, error: FieldError) {
  const fieldId = id ?? name;
  const message = errorText(error);
  return {
    fieldId,
    message,
    hintId: hint ? `${fieldId}-hint` : undefined,
    errorId: message ? `${fieldId}-error` : undefined,
  };
}

/** Label, then hint, then error message: the order GOV.UK and the DSFR use above a single control. */
function FieldHeader(props: { fieldId: string; label: ReactNode; optional?: boolean; hint?: ReactNode; hintId?: string; message?: string; errorId?: string }) {
  return (
    <>
      <Label htmlFor={props.fieldId} optional={props.optional}>
        {props.label}
      </Label>
      {props.hint ? <Hint id={props.hintId!}>{props.hint}</Hint> : null}
      {props.message ? <ErrorMessage id={props.errorId!}>{props.message}</ErrorMessage> : null}
    </>
  );
}

type InputType = 'text' | 'email' | 'tel' | 'password' | 'date' | 'number';
export type TextFieldProps = FieldBase & { type?: InputType } & Omit<ComponentProps<'input'>, 'type' | 'id' | 'name'>;

export function TextField({ name, id, label, hint, error, optional, type = 'text', className, ...input }: TextFieldProps) {
  const { fieldId, message, hintId, errorId } = fieldIds(name, id, hint, error);
  return (
    <FieldGroup invalid={!!message}>
      <FieldHeader fieldId={fieldId} label={label} optional={optional} hint={hint} hintId={hintId} message={message} errorId={errorId} />
      <input
        {...input}
        id={fieldId}
        name={name}
        type={type}
        required={input.required ?? !optional}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy(hintId, errorId, input['aria-describedby'])}
        className={join(controlBase, 'max-w-xl', message ? 'border-error' : 'border-ink-muted', className)}
      />
    </FieldGroup>
  );
}

export type TextareaFieldProps = FieldBase & Omit<ComponentProps<'textarea'>, 'id' | 'name'>;

export function TextareaField({ name, id, label, hint, error, optional, className, rows = 5, ...textarea }: TextareaFieldProps) {
  const { fieldId, message, hintId, errorId } = fieldIds(name, id, hint, error);
  return (
    <FieldGroup invalid={!!message}>
      <FieldHeader fieldId={fieldId} label={label} optional={optional} hint={hint} hintId={hintId} message={message} errorId={errorId} />
      <textarea
        {...textarea}
        id={fieldId}
        name={name}
        rows={rows}
        required={textarea.required ?? !optional}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy(hintId, errorId, textarea['aria-describedby'])}
        className={join(controlBase, 'max-w-2xl', message ? 'border-error' : 'border-ink-muted', className)}
      />
    </FieldGroup>
  );
}

export type SelectFieldProps = FieldBase & {
  options: Option[];
  /** First, empty choice ("Choisissez…"). */
  placeholder?: string;
} & Omit<ComponentProps<'select'>, 'id' | 'name' | 'children'>;

export function SelectField({ name, id, label, hint, error, optional, options, placeholder, className, ...select }: SelectFieldProps) {
  const { fieldId, message, hintId, errorId } = fieldIds(name, id, hint, error);
  return (
    <FieldGroup invalid={!!message}>
      <FieldHeader fieldId={fieldId} label={label} optional={optional} hint={hint} hintId={hintId} message={message} errorId={errorId} />
      <select
        {...select}
        id={fieldId}
        name={name}
        required={select.required ?? !optional}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy(hintId, errorId, select['aria-describedby'])}
        className={join(controlBase, 'max-w-xl', message ? 'border-error' : 'border-ink-muted', className)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldGroup>
  );
}

export type FieldsetProps = {
  /** Used for the hint and error ids; the error summary links to the first control, not here. */
  id: string;
  legend: ReactNode;
  /** Shows the legend as the page title size, for one-question pages. */
  legendAsTitle?: boolean;
  hint?: ReactNode;
  error?: FieldError;
  optional?: boolean;
  children: ReactNode;
};

export function Fieldset({ id, legend, legendAsTitle, hint, error, optional, children }: FieldsetProps) {
  const message = errorText(error);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = message ? `${id}-error` : undefined;
  return (
    <FieldGroup invalid={!!message}>
      <fieldset aria-describedby={describedBy(hintId, errorId)}>
        <legend className={join('mb-2', legendAsTitle ? 'text-2xl font-bold' : 'font-medium')}>
          {legend}
          {optional ? <span className="font-normal text-ink-soft"> (facultatif)</span> : null}
        </legend>
        {hint ? <Hint id={hintId!}>{hint}</Hint> : null}
        {message ? <ErrorMessage id={errorId!}>{message}</ErrorMessage> : null}
        {children}
      </fieldset>
    </FieldGroup>
  );
}

type ChoiceGroupProps = Omit<FieldsetProps, 'id' | 'children'> & {
  name: string;
  /** Id of the first control (defaults to name): the target of the error summary link. */
  id?: string;
  options: Option[];
  inline?: boolean;
  disabled?: boolean;
};

function Choice({
  type,
  id,
  name,
  option,
  invalid,
  defaultChecked,
  required,
  disabled,
}: {
  type: 'radio' | 'checkbox';
  id: string;
  name: string;
  option: Option;
  invalid: boolean;
  defaultChecked?: boolean;
  required?: boolean;
  disabled?: boolean;
}) {
  const hintId = option.hint ? `${id}-hint` : undefined;
  return (
    <div className="flex items-start gap-3 py-1.5">
      <input
        id={id}
        type={type}
        name={name}
        value={option.value}
        defaultChecked={defaultChecked}
        required={required}
        disabled={disabled}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={hintId}
        className="mt-0.5 size-6 shrink-0 cursor-pointer accent-primary"
      />
      <div>
        <label htmlFor={id} className="cursor-pointer">
          {option.label}
        </label>
        {option.hint ? (
          <p id={hintId} className="text-sm text-ink-soft">
            {option.hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}

const choiceId = (baseId: string, index: number) => (index === 0 ? baseId : `${baseId}-${index + 1}`);

export type RadioGroupProps = ChoiceGroupProps & { defaultValue?: string };

export function RadioGroup({ name, id, options, inline, defaultValue, disabled, ...fieldset }: RadioGroupProps) {
  const baseId = id ?? name;
  const invalid = !!errorText(fieldset.error);
  return (
    <Fieldset id={baseId} {...fieldset}>
      <div className={inline ? 'flex flex-wrap gap-x-6' : undefined}>
        {options.map((option, index) => (
          <Choice
            key={option.value}
            type="radio"
            id={choiceId(baseId, index)}
            name={name}
            option={option}
            invalid={invalid}
            defaultChecked={defaultValue === undefined ? undefined : defaultValue === option.value}
            required={!fieldset.optional}
            disabled={disabled}
          />
        ))}
      </div>
    </Fieldset>
  );
}

export type CheckboxGroupProps = ChoiceGroupProps & { defaultValues?: string[] };

export function CheckboxGroup({ name, id, options, inline, defaultValues, disabled, ...fieldset }: CheckboxGroupProps) {
  const baseId = id ?? name;
  const invalid = !!errorText(fieldset.error);
  return (
    <Fieldset id={baseId} {...fieldset}>
      <div className={inline ? 'flex flex-wrap gap-x-6' : undefined}>
        {options.map((option, index) => (
          <Choice
            key={option.value}
            type="checkbox"
            id={choiceId(baseId, index)}
            name={name}
            option={option}
            invalid={invalid}
            defaultChecked={defaultValues?.includes(option.value)}
            disabled={disabled}
          />
        ))}
      </div>
    </Fieldset>
  );
}

export type CheckboxProps = Omit<ComponentProps<'input'>, 'type' | 'id' | 'name'> & {
  name: string;
  id?: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: FieldError;
};

/** A single checkbox ("J'accepte…", "Recevoir les notifications par courriel"). */
export function Checkbox({ name, id, label, hint, error, className, ...input }: CheckboxProps) {
  const { fieldId, message, hintId, errorId } = fieldIds(name, id, hint, error);
  return (
    <FieldGroup invalid={!!message}>
      {message ? <ErrorMessage id={errorId!}>{message}</ErrorMessage> : null}
      <div className="flex items-start gap-3">
        <input
          {...input}
          id={fieldId}
          name={name}
          type="checkbox"
          aria-invalid={message ? true : undefined}
          aria-describedby={describedBy(hintId, errorId, input['aria-describedby'])}
          className={join('mt-0.5 size-6 shrink-0 cursor-pointer accent-primary', className)}
        />
        <div>
          <label htmlFor={fieldId} className="cursor-pointer">
            {label}
          </label>
          {hint ? (
            <p id={hintId} className="text-sm text-ink-soft">
              {hint}
            </p>
          ) : null}
        </div>
      </div>
    </FieldGroup>
  );
}
