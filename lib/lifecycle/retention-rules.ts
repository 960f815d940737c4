import { getEnv } from '@/lib/env';

// The retention rules in one place: the daily jobs apply them and /donnees-personnelles prints
// them, so the page cannot say something the code does not do. Durations a procedure may change
// (its closed dossiers, its drafts) are columns of procedure_versions; null means these defaults.

export const RETENTION = {
  /** Warning email before an untouched draft is deleted. */
  draftWarningDays: 15,
  /** An account whose email was never confirmed. */
  unconfirmedAccountDays: 7,
  /** Rate-limit counters, after their window (24 h at most) has passed. */
  rateLimitDays: 2,
  /** A stored file that no row points at (an interrupted upload). */
  orphanFileDays: 1,
  /** Entries of the security and back-office journal. */
  auditLogMonths: 12,
} as const;

export type RetentionDefaults = { draftMonths: number; closedDossierMonths: number };

export function getRetentionDefaults(): RetentionDefaults {
  const env = getEnv();
  return { draftMonths: env.DRAFT_RETENTION_MONTHS, closedDossierMonths: env.CLOSED_DOSSIER_RETENTION_MONTHS };
}

/** `months` calendar months before `date`, clamped to the last day of the month (31 March − 1 month = 28/29 February). */
export function monthsBefore(date: Date, months: number): Date {
  const result = new Date(date);
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

export function monthsAfter(date: Date, months: number): Date {
  return monthsBefore(date, -months);
}

export function daysBefore(date: Date, days: number): Date {
  return new Date(date.getTime() - days * 24 * 3600 * 1000);
}

/** "6 mois", "2 ans", "18 mois". */
export function formatMonths(months: number): string {
  if (months % 12 === 0) return months === 12 ? '1 an' : `${months / 12} ans`;
  return `${months} mois`;
}
