import { CompletionRequestList, type WithdrawForm } from '@/components/dossiers/completion-requests';
import type { CompletionRequestView } from '@/lib/completions/queries';

/** The agent's view of the requests for documents or a correction, and what the citizen sent back. */
export function CompletionsSection({ requests, hrefOf, withdraw }: { requests: CompletionRequestView[]; hrefOf: (attachmentId: string) => string; withdraw: WithdrawForm }) {
  return (
    <section aria-labelledby="complements">
      <h2 id="complements" className="mb-3 text-2xl font-bold">
        Compléments demandés
      </h2>
      {requests.length ? (
        <CompletionRequestList requests={requests} reader="agent" hrefOf={hrefOf} withdraw={withdraw} />
      ) : (
        <p className="mb-6">Aucun complément n’a été demandé pour ce dossier.</p>
      )}
    </section>
  );
}
