import { formatIsoDate } from './fields/date';

// Opening and closing of a procedure (decision 024). Paris days as YYYY-MM-DD, inclusive: open
// from `opensOn` through `closesAfter`; drafts already started may be submitted through
// `graceUntil` (or `closesAfter` when no grace is given). Pure, unit-tested.

export type Opening = { opensOn: string | null; closesAfter: string | null; graceUntil: string | null };

export const alwaysOpen: Opening = { opensOn: null, closesAfter: null, graceUntil: null };

export function isNotYetOpen(opening: Opening, today: string): boolean {
  return !!opening.opensOn && today < opening.opensOn;
}

export function isClosed(opening: Opening, today: string): boolean {
  return !!opening.closesAfter && today > opening.closesAfter;
}

/** Whether "Commencer" may create a draft today. */
export function canStart(opening: Opening, today: string): boolean {
  return !isNotYetOpen(opening, today) && !isClosed(opening, today);
}

/** The last day a draft may be submitted, or null when there is no closing. */
export function lastSubmissionDay(opening: Opening): string | null {
  if (!opening.closesAfter) return null;
  return opening.graceUntil && opening.graceUntil > opening.closesAfter ? opening.graceUntil : opening.closesAfter;
}

/** Whether a draft may be submitted today. */
export function canSubmit(opening: Opening, today: string): boolean {
  const last = lastSubmissionDay(opening);
  return !last || today <= last;
}

/** What the catalogue and the drafts say about the opening, or null when it is open without an end in sight. */
export function describeOpening(opening: Opening, today: string): string | null {
  if (isNotYetOpen(opening, today)) return `Cette démarche ouvrira le ${formatIsoDate(opening.opensOn!)}.`;
  if (isClosed(opening, today)) {
    const last = lastSubmissionDay(opening)!;
    const grace = last > today || last === today ? ` Les demandes déjà commencées peuvent encore être déposées jusqu’au ${formatIsoDate(last)} inclus.` : '';
    return `Cette démarche est close depuis le ${formatIsoDate(opening.closesAfter!)} au soir : il n’est plus possible de commencer une demande.${grace}`;
  }
  if (opening.closesAfter) return `Cette démarche est ouverte jusqu’au ${formatIsoDate(opening.closesAfter)} inclus.`;
  return null;
}
