import Link from 'next/link';
import type { ComponentProps, ReactNode } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'tertiary' | 'danger';

const base =
  'inline-flex min-h-11 cursor-pointer items-center justify-center gap-2 px-5 py-2 text-center text-base font-medium leading-6 no-underline ' +
  'disabled:cursor-not-allowed disabled:bg-neutral-tint disabled:text-ink-soft disabled:shadow-none';

const variants: Record<ButtonVariant, string> = {
  primary: 'bg-primary text-white hover:bg-primary-hover',
  secondary: 'bg-white text-primary shadow-[inset_0_0_0_1px_var(--color-primary)] hover:bg-primary-tint',
  tertiary: 'bg-transparent text-primary underline underline-offset-4 hover:bg-primary-tint',
  danger: 'bg-error text-white hover:bg-error-hover',
};

/** Class names of a button, for the rare element that must look like one without being a Button. */
export function buttonClassName(variant: ButtonVariant = 'primary', className?: string): string {
  return [base, variants[variant], className].filter(Boolean).join(' ');
}

type NativeButtonProps = { as?: 'button'; variant?: ButtonVariant; children: ReactNode } & ComponentProps<'button'>;
type LinkButtonProps = { as: 'link'; variant?: ButtonVariant; children: ReactNode } & ComponentProps<typeof Link>;

/**
 * A button, or a link that looks like one (`as="link"`, for navigation such as "Commencer").
 * A native button submits by default, as in plain HTML forms that must work without JavaScript.
 */
export function Button(props: NativeButtonProps | LinkButtonProps) {
  if (props.as === 'link') {
    const { as: _as, variant, className, ...rest } = props;
    return <Link {...rest} className={buttonClassName(variant, className)} />;
  }
  const { as: _as, variant, className, type = 'submit', ...rest } = props;
  return <button {...rest} type={type} className={buttonClassName(variant, className)} />;
}
