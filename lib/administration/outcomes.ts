import type { AddAgentRefusal, RoleChangeRefusal, SecondFactorResetRefusal } from './role-rules';

/**
 * What an agents-page use case answers: done, or why not (a reason code, never a sentence: the
 * page words it, app/admin/agents/messages.ts). `user-not-found`: the account is gone;
 * `agent-not-found`: it is gone or has no back-office access any more.
 */
export type AgentAdminRefusal =
  | RoleChangeRefusal
  | AddAgentRefusal
  | SecondFactorResetRefusal
  | 'user-not-found'
  | 'just-created'
  | 'agent-not-found'
  | 'procedure-not-found'
  | 'already-granted'
  | 'grant-not-found';

export type AgentAdminOutcome<T = void> = { ok: true; data?: T } | { ok: false; reason: AgentAdminRefusal };
