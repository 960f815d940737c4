import type { Role } from '@/db/schema';
// Who may do what in the back office. Pure functions: the queries in this folder write the same
// rules into their WHERE clauses; these let pages and tests state them plainly.


/** Which dossiers a role reaches: an administrator every procedure, an agent the procedures they were granted access to (habilitation). */
export type DossierScope = 'all-procedures' | 'granted-procedures' | 'none';

export function dossierScopeOf(role: Role): DossierScope {
  if (role === 'admin') return 'all-procedures';
  if (role === 'agent') return 'granted-procedures';
  return 'none';
}

export function isBackOfficeRole(role: Role): role is 'agent' | 'admin' {
  return dossierScopeOf(role) !== 'none';
}

export type StatusChangeCheck = { ok: true } | { ok: false; reason: 'unknown-status' | 'same-status' };

/** The new status must come from the dossier's own procedure version, and be a change. */
export function checkStatusChange(statuses: readonly { key: string }[], current: string, next: string): StatusChangeCheck {
  if (!statuses.some((status) => status.key === next)) return { ok: false, reason: 'unknown-status' };
  if (next === current) return { ok: false, reason: 'same-status' };
  return { ok: true };
}
