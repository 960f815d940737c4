import { Alert, Button } from '@/components/ui';
import { formatDateTime } from '@/lib/common/dates';
import type { AgentOption, AssignmentEntry } from '@/lib/processing/assignment';
import { assignDossierAction, takeDossierAction, unassignDossierAction } from './assignment-actions';

// Who handles the dossier, on its back-office page: take it, give it to another agent of the
// procedure, or unassign it; and the history of those changes (agents only, never the citizen).

const outcomes: Record<string, { tone: 'success' | 'error'; text: string }> = {
  prise: { tone: 'success', text: 'Vous avez pris ce dossier.' },
  attribuee: { tone: 'success', text: 'Le dossier a été attribué.' },
  retiree: { tone: 'success', text: 'Le dossier n’est plus attribué.' },
  refusee: { tone: 'error', text: 'Cet agent n’a pas accès à cette démarche : le dossier ne lui a pas été attribué.' },
};

type Props = {
  dossierId: string;
  currentUserId: string;
  assignee: { id: string; name: string } | null;
  agents: AgentOption[];
  history: AssignmentEntry[];
  outcome?: string;
};

export function AssignmentPanel({ dossierId, currentUserId, assignee, agents, history, outcome }: Props) {
  const shown = outcome ? outcomes[outcome] : undefined;
  const others = agents.filter((agent) => agent.id !== assignee?.id);
  return (
    <section id="attribution" aria-labelledby="attribution-titre" className="mb-10 max-w-3xl">
      <h2 id="attribution-titre" className="mb-3 text-2xl font-bold">
        Attribution
      </h2>
      {shown ? <Alert tone={shown.tone}>{shown.text}</Alert> : null}
      <p className="mb-4">
        {assignee ? (
          <>
            Attribué à : <strong>{assignee.id === currentUserId ? `${assignee.name} (vous)` : assignee.name}</strong>
          </>
        ) : (
          'Ce dossier n’est attribué à personne.'
        )}
      </p>
      <div className="flex flex-wrap items-end gap-4">
        {assignee?.id !== currentUserId ? (
          <form action={takeDossierAction}>
            <input type="hidden" name="dossierId" value={dossierId} />
            <Button type="submit">Je prends ce dossier</Button>
          </form>
        ) : null}
        {assignee ? (
          <form action={unassignDossierAction}>
            <input type="hidden" name="dossierId" value={dossierId} />
            <Button type="submit" variant="tertiary">
              Retirer l’attribution
            </Button>
          </form>
        ) : null}
      </div>
      {others.length > 0 ? (
        <form action={assignDossierAction} className="mt-6 flex flex-wrap items-end gap-4">
          <input type="hidden" name="dossierId" value={dossierId} />
          <div>
            <label htmlFor="agentId" className="mb-1 block font-medium">
              Attribuer à
            </label>
            <select id="agentId" name="agentId" required className="block min-h-11 w-full max-w-xs border-2 border-ink-muted bg-white px-3 py-2">
              {others.map((agent) => (
                <option key={agent.id} value={agent.id}>
                  {agent.id === currentUserId ? `${agent.name} (vous)` : agent.name}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" variant="secondary">
            Attribuer
          </Button>
        </form>
      ) : null}
      {history.length > 0 ? (
        <details className="mt-6">
          <summary className="cursor-pointer font-medium">Historique des attributions (visible des agents seulement)</summary>
          <ul className="mt-2">
            {history.map((entry) => (
              <li key={entry.id} className="py-1">
                <time dateTime={entry.at.toISOString()}>{formatDateTime(entry.at)}</time> —{' '}
                {entry.kind === 'assigned' ? `attribué à ${entry.assigneeName ?? 'un agent'}` : `attribution retirée (${entry.assigneeName ?? 'un agent'})`}
                {entry.actorName ? ` par ${entry.actorName}` : ''}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
