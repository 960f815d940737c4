// "À compléter" on the forms: limits, input names and the words of a due date. Pure module with no
// zod, so the forms' client bundles stay light (decision 019).

export const MAX_REQUESTED_DOCUMENTS = 5;
export const DOCUMENT_LABEL_MAX_LENGTH = 200;
export const CORRECTION_MAX_LENGTH = 2000;
/** A due date further than this is a typing error (a year typed wrong), not a real deadline. */
export const MAX_DUE_DAYS = 366;

const dayFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

/** "2027-01-15" → "15 janvier 2027". */
export function formatDueDay(day: string): string {
  return dayFormat.format(new Date(`${day}T00:00:00Z`));
}

/** Today in the portal's time zone, "YYYY-MM-DD". */
export function parisToday(now: Date): string {
  return now.toLocaleDateString('en-CA', { timeZone: 'Europe/Paris' });
}

/** The inputs of one requested document in the answer form. */
export const answerInputNames = (itemId: string) => ({ upload: `fichier-${itemId}`, locker: `porteDocuments-${itemId}` });
