import { StatusTag, type StatusTone } from '@/components/ui';
import type { StepState } from '@/lib/procedures/step-rules';

const tags: Record<StepState, { tone: StatusTone; label: string }> = {
  complete: { tone: 'success', label: 'Complète' },
  incomplete: { tone: 'warning', label: 'À compléter' },
  empty: { tone: 'neutral', label: 'Non commencée' },
};

export function StepStateTag({ state, className }: { state: StepState; className?: string }) {
  return <StatusTag tone={tags[state].tone} label={tags[state].label} className={className} />;
}
