import type { StatusInUse } from './working-version';

/**
 * Why a procedure-editing use case refused: a reason code with its facts, never a sentence (the
 * page words it, app/admin/demarches/messages.ts). `invalid-definition` carries the definition
 * validator's messages and `invalid-json` the parser's: they describe the definition itself, like a
 * schema's messages. `invalid-form` carries the pure form-reading rules' errors (statuses-edit.ts,
 * step-texts-edit.ts), keyed by the controls of the form they read.
 */
export type ProcedureAdminFailure =
  | { ok: false; reason: 'not-found' | 'no-draft' | 'never-published' | 'slug-taken' }
  | { ok: false; reason: 'stale'; changes: string[] }
  | { ok: false; reason: 'invalid-definition'; errors: string[] }
  | { ok: false; reason: 'status-in-use'; inUse: StatusInUse[] }
  | { ok: false; reason: 'invalid-json'; message: string }
  | { ok: false; reason: 'invalid-form'; fieldErrors: Record<string, string[]>; formError?: string };

export type ProcedureAdminOutcome<T = void> = { ok: true; data?: T } | ProcedureAdminFailure;
