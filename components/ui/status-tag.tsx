export type StatusTone = 'info' | 'progress' | 'success' | 'warning' | 'error' | 'neutral';

// Text/background pairs are all above 4.5:1.
const tones: Record<StatusTone, string> = {
  info: 'bg-info-tint text-info',
  progress: 'bg-progress-tint text-progress',
  success: 'bg-success-tint text-success',
  warning: 'bg-warning-tint text-warning',
  error: 'bg-error-tint text-error',
  neutral: 'bg-neutral-tint text-ink-muted',
};

export type StatusTagProps = { tone?: StatusTone; label: string; className?: string };

/** A short status label ("Déposée", "En cours d'instruction"…). The colour never carries the meaning alone. */
export function StatusTag({ tone = 'neutral', label, className }: StatusTagProps) {
  return (
    <span className={['inline-block rounded px-2 py-0.5 text-sm font-bold leading-6', tones[tone], className].filter(Boolean).join(' ')}>
      {label}
    </span>
  );
}
