import { formatDocumentDate } from './format';

// What a locker document says about itself (type, date of issue, expiry) and whether it is still
// good for a step that asks for a recent document. Pure module (browser and server); "today" is
// always passed in, as a Paris calendar date "YYYY-MM-DD", so tests can fix it.

export const DOCUMENT_KINDS = {
  domicile: 'Justificatif de domicile',
  identite: 'Pièce d’identité',
  rib: 'RIB',
  impots: 'Avis d’imposition',
  caf: 'Attestation CAF',
  autre: 'Autre',
} as const;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;
export const DOCUMENT_KIND_KEYS = Object.keys(DOCUMENT_KINDS) as [DocumentKind, ...DocumentKind[]];

export function documentKindLabel(kind: string | null | undefined): string | null {
  return kind && kind in DOCUMENT_KINDS ? DOCUMENT_KINDS[kind as DocumentKind] : null;
}

export type DocumentValidity = { issuedOn: string | null; expiresOn: string | null };

/** Documents expiring within this many days are listed at the top of the Porte-documents. */
export const EXPIRING_SOON_DAYS = 30;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether "YYYY-MM-DD" is a real calendar date (no 31 February). */
export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** Today's date in Paris, "YYYY-MM-DD": a document's dates are calendar dates, read in France. */
export function todayInParis(now: Date): string {
  return now.toLocaleDateString('en-CA', { timeZone: 'Europe/Paris' });
}

function toUtc(value: string): Date {
  const [y, m, d] = value.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function toIso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** "YYYY-MM-DD" plus n months; the 31st becomes the last day of a shorter month. */
export function addMonths(value: string, months: number): string {
  const [y, m, d] = value.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return toIso(new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))));
}

export function addDays(value: string, days: number): string {
  const date = toUtc(value);
  date.setUTCDate(date.getUTCDate() + days);
  return toIso(date);
}

/** "12 janvier 2026" for "2026-01-12", "1er mars 2025" (noon UTC: the same day in Paris). */
export function formatCalendarDate(value: string): string {
  return formatDocumentDate(new Date(`${value}T12:00:00Z`)).replace(/^1 /, '1er ');
}

export type ValidityProblem = { kind: 'expired'; expiresOn: string } | { kind: 'too-old'; issuedOn: string; maxAgeMonths: number };

/**
 * Why a document is not good for a field, or null. Expired: its expiry date is before today.
 * Too old: the field wants a document of less than maxAgeMonths months and it was issued before
 * today minus that many months. A document without dates is given the benefit of the doubt.
 */
export function checkDocumentValidity(document: DocumentValidity, maxAgeMonths: number | undefined, today: string): ValidityProblem | null {
  if (document.expiresOn && document.expiresOn < today) return { kind: 'expired', expiresOn: document.expiresOn };
  if (maxAgeMonths && document.issuedOn && addMonths(document.issuedOn, maxAgeMonths) < today) {
    return { kind: 'too-old', issuedOn: document.issuedOn, maxAgeMonths };
  }
  return null;
}

export function validityMessage(problem: ValidityProblem): string {
  if (problem.kind === 'expired') return `Ce document a expiré le ${formatCalendarDate(problem.expiresOn)} : la démarche demande un document en cours de validité.`;
  return `Ce document date du ${formatCalendarDate(problem.issuedOn)} : la démarche demande un document de moins de ${problem.maxAgeMonths} mois.`;
}

/** Expired, or expiring within EXPIRING_SOON_DAYS days. */
export function isExpiringSoon(document: DocumentValidity, today: string): boolean {
  return !!document.expiresOn && document.expiresOn <= addDays(today, EXPIRING_SOON_DAYS);
}

/** "Justificatif de domicile, délivré le 12 janvier 2026", for the locker drop-down list. */
export function describeValidity(document: DocumentValidity & { kind: string | null }): string {
  const parts: string[] = [];
  const kind = documentKindLabel(document.kind);
  if (kind) parts.push(kind);
  if (document.issuedOn) parts.push(`délivré le ${formatCalendarDate(document.issuedOn)}`);
  if (document.expiresOn) parts.push(`expire le ${formatCalendarDate(document.expiresOn)}`);
  return parts.join(', ');
}
