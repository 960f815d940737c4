import { Alert } from '@/components/ui';
import { todayInParis } from '@/lib/procedures/compile-step';
import { isClosed, describeOpening, type Opening } from '@/lib/procedures/opening';

/** On a draft of a closed procedure: until when it may still be submitted (server-rendered, no JavaScript). */
export function ClosingNotice({ opening }: { opening: Opening }) {
  const today = todayInParis();
  if (!isClosed(opening, today)) return null;
  return (
    <div className="mb-6 max-w-3xl">
      <Alert tone="info" role="none">
        <p>{describeOpening(opening, today)}</p>
      </Alert>
    </div>
  );
}
