import { defineInputField, invalidAnswer, isBoundedString, isStorableValue, quote, readString, textCondition, trimString, typeInMessage, type Problem } from './field-module';
import type { DateFieldDefinition } from './date.schema';

// A date. Stored as YYYY-MM-DD; bounds may be "today" (in Paris).

const PARIS = 'Europe/Paris';
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

/** Today in Paris as YYYY-MM-DD, whatever the browser's or the server's time zone. */
export function todayInParis(now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: PARIS, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

function isRealDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** "27 mars 2026", "1er avril 2026". */
export function formatIsoDate(value: string): string {
  const match = ISO_DATE.exec(value);
  if (!match || !isRealDate(value)) return value;
  const day = Number(match[3]);
  return `${day === 1 ? '1er' : day} ${MONTHS[Number(match[2]) - 1]} ${match[1]}`;
}


function checkDate(field: DateFieldDefinition, value: string, today: string): Problem[] {
  if (!isRealDate(value)) return [{ message: `${quote(field.label)} doit être une date réelle, par exemple 27/03/2026.` }];
  const min = field.min === 'today' ? today : field.min;
  const max = field.max === 'today' ? today : field.max;
  if (min && value < min) {
    return [{ message: field.min === 'today' ? `${quote(field.label)} doit être aujourd’hui ou dans le futur.` : `${quote(field.label)} doit être le ${formatIsoDate(min)} ou après.` }];
  }
  if (max && value > max) {
    return [{ message: field.max === 'today' ? `${quote(field.label)} doit être aujourd’hui ou dans le passé.` : `${quote(field.label)} doit être le ${formatIsoDate(max)} ou avant.` }];
  }
  return [];
}

export const dateField = defineInputField<DateFieldDefinition>({
  type: 'date',
  label: 'Date',
  editor: 'simple',
  ordering: 'date',
  checkCondition: textCondition,
  prefill: {
    sources: ['profile.birthDate', 'beneficiary.birthDate'],
    fit: (_field, value) => (typeof value === 'string' && isoDatePattern.test(value) ? value : null),
  },
  answer: {
    read: readString,
    check: (field, value, today) => (typeof value === 'string' ? checkDate(field, value, today) : invalidAnswer(field)),
    requiredProblems: typeInMessage,
    clean: trimString,
    isStorable: isStorableValue,
    isCanonical: isBoundedString,
    format: (_field, value) => (typeof value === 'string' ? formatIsoDate(value) : String(value)),
  },
});
