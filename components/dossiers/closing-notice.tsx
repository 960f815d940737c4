import { Alert } from '@/components/ui';
import { todayInParis } from '@/lib/procedures/compile-step';
import { isClosed, describeOpening, type Opening } from '@/lib/procedures/opening';

/**
 * On a draft of a closed or archived procedure: until when it may still be submitted
 * (server-rendered, no JavaScript). An archived procedure's drafts follow the closing rule like
 * any other (decision 024): archiving stops new starts, not work already begun.
 */
export function ClosingNotice({ opening, archived = false }: { opening: Opening; archived?: boolean }) {
  const today = todayInParis();
  const closed = isClosed(opening, today);
  if (!closed && !archived) return null;
  const archivedNote = closed
    ? 'Cette démarche n’est plus proposée dans le catalogue.'
    : 'Cette démarche n’est plus proposée dans le catalogue : personne ne peut plus en commencer une. Vous pouvez encore terminer et déposer ce brouillon.';
  return (
    <div className="mb-6 max-w-3xl">
      <Alert tone="info" role="none">
        {archived ? <p>{archivedNote}</p> : null}
        {closed ? <p>{describeOpening(opening, today)}</p> : null}
      </Alert>
    </div>
  );
}
