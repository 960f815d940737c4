// What can happen to a submitted dossier (dossier_events.kind). Pure module: the follow-up
// timeline (components/dossiers/follow-up.tsx) words each kind.
export const EVENT_KINDS = {
  submitted: 'submitted',
  statusChanged: 'status_changed',
  agentMessage: 'agent_message',
  citizenMessage: 'citizen_message',
  responsePublished: 'response_published',
  completionRequested: 'completion_requested',
  completionAnswered: 'completion_answered',
  completionWithdrawn: 'completion_withdrawn',
} as const;

export type DossierEventKind = (typeof EVENT_KINDS)[keyof typeof EVENT_KINDS];

/** What the citizen does that agents have not read yet (the back office's unread marker). */
export const AGENT_UNREAD_KINDS: readonly string[] = [EVENT_KINDS.citizenMessage, EVENT_KINDS.completionAnswered];
