import { CompletionRequestList } from '@/components/dossiers/completion-requests';
import type { CompletionRequestView } from '@/lib/completions/queries';

/** The agent's view of the requests for documents or a correction, and what the citizen sent back. */
export function CompletionsSection({ requests, hrefOf }: { requests: CompletionRequestView[]; hrefOf: (attachmentId: string) => string }) {
  return (
    <section aria-labelledby="complements">
      <h2 id="complements" className="mb-3 text-2xl font-bold">
        Compléments demandés
      </h2>
      {requests.length ? (
        <CompletionRequestList requests={requests} reader="agent" hrefOf={hrefOf} />
      ) : (
        <p className="mb-6">Aucun complément n’a été demandé pour ce dossier.</p>
      )}
    </section>
  );
}
