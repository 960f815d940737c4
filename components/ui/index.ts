export { Alert, type AlertProps, type AlertTone } from './alert';
export { Breadcrumbs, type BreadcrumbItem, type BreadcrumbsProps } from './breadcrumbs';
export { Button, buttonClassName, type ButtonVariant } from './button';
export { Card, type CardProps } from './card';
export { ErrorSummary, type ErrorSummaryItem, type ErrorSummaryProps } from './error-summary';
export {
  Checkbox,
  CheckboxGroup,
  ErrorMessage,
  Fieldset,
  Hint,
  Label,
  RadioGroup,
  SelectField,
  TextareaField,
  TextField,
  type CheckboxGroupProps,
  type CheckboxProps,
  type FieldError,
  type FieldsetProps,
  type Option,
  type RadioGroupProps,
  type SelectFieldProps,
  type TextareaFieldProps,
  type TextFieldProps,
} from './field';
export { PageHeader, type PageHeaderProps } from './page-header';
export { Pagination, pageWindow, type PaginationProps } from './pagination';
export { StatusTag, type StatusTagProps, type StatusTone } from './status-tag';
