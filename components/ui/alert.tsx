import type { ReactNode } from 'react';

export type AlertTone = 'info' | 'success' | 'warning' | 'error';

const tones: Record<AlertTone, { box: string; prefix: string }> = {
  info: { box: 'border-info bg-info-tint', prefix: 'Information : ' },
  success: { box: 'border-success bg-success-tint', prefix: 'Succès : ' },
  warning: { box: 'border-warning bg-progress-tint', prefix: 'Attention : ' },
  error: { box: 'border-error bg-error-tint', prefix: 'Erreur : ' },
};

export type AlertProps = {
  tone?: AlertTone;
  title?: string;
  /** Level of the title heading; 2 by default. */
  headingLevel?: 2 | 3 | 4;
  /** Overrides the default role (status for info and success, none otherwise). */
  role?: 'status' | 'alert' | 'none';
  children?: ReactNode;
  className?: string;
};

/** A message box. Info and success are polite live regions (role="status"). */
export function Alert({ tone = 'info', title, headingLevel = 2, role, children, className }: AlertProps) {
  const Heading = `h${headingLevel}` as 'h2' | 'h3' | 'h4';
  const effectiveRole = role ?? (tone === 'info' || tone === 'success' ? 'status' : undefined);
  return (
    <div
      role={effectiveRole === 'none' ? undefined : effectiveRole}
      className={['my-6 border-l-4 px-4 py-3 text-ink', tones[tone].box, className].filter(Boolean).join(' ')}
    >
      {title ? (
        <Heading className="mb-1 text-lg font-bold">
          <span className="sr-only">{tones[tone].prefix}</span>
          {title}
        </Heading>
      ) : (
        <span className="sr-only">{tones[tone].prefix}</span>
      )}
      {children ? <div className="[&>p+p]:mt-2">{children}</div> : null}
    </div>
  );
}
