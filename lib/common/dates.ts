// Dates as the citizen reads them: French, in the portal's time zone, whatever the server's.
// Pure module.

const TIME_ZONE = 'Europe/Paris';

const dayFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' });
const shortDayFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: TIME_ZONE, day: 'numeric', month: 'long' });
const timeParts = new Intl.DateTimeFormat('fr-FR', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const yearFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, year: 'numeric' });

/** "12 mars 2026" */
export function formatDay(date: Date): string {
  return dayFormat.format(date);
}

/** "12 mars": enough for a recent draft ("Reprendre mon brouillon du 12 mars"). */
export function formatShortDay(date: Date): string {
  return shortDayFormat.format(date);
}

/** "14 h 32", the French administrative style. */
export function formatTime(date: Date): string {
  const parts = timeParts.formatToParts(date);
  const hour = parts.find((p) => p.type === 'hour')?.value ?? '00';
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '00';
  return `${Number(hour)}\u00a0h\u00a0${minute}`;
}

/** "12 mars 2026 à 14 h 32" */
export function formatDateTime(date: Date): string {
  return `${formatDay(date)} à ${formatTime(date)}`;
}

/** The calendar year in Paris: a dossier filed on 31 December at 23:30 belongs to that year. */
export function parisYear(date: Date): number {
  return Number(yearFormat.format(date));
}
