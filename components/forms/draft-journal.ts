import type { AnswerValue } from '@/lib/procedures/answers';

// The device-side journal of a draft's unsaved changes, in localStorage: written before anything
// is sent, so a closed tab, a power cut or a lost connection loses nothing typed. An entry leaves
// once the server has acknowledged that very value. One entry per field: the latest value wins.

export const JOURNAL_PREFIX = 'portail:journal:';

/** `baseVersion`: the draft version the value was typed over, so a replay can detect a conflict. */
export type JournalEntry = { field: string; value: AnswerValue; at: number; baseVersion: number };

const journalKey = (dossierId: string) => `${JOURNAL_PREFIX}${dossierId}`;

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null; // storage disabled by the browser: the in-memory queue still works
  }
}

function isEntry(value: unknown): value is JournalEntry {
  const entry = value as JournalEntry;
  return !!entry && typeof entry.field === 'string' && typeof entry.at === 'number' && typeof entry.baseVersion === 'number' && 'value' in entry;
}

export function readJournal(dossierId: string): JournalEntry[] {
  try {
    const parsed: unknown = JSON.parse(storage()?.getItem(journalKey(dossierId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
  } catch {
    return [];
  }
}

function writeJournal(dossierId: string, entries: JournalEntry[]): void {
  const store = storage();
  try {
    if (entries.length) store?.setItem(journalKey(dossierId), JSON.stringify(entries));
    else store?.removeItem(journalKey(dossierId));
  } catch {
    // Quota exceeded: the change is still queued in memory and sent.
  }
}

/** Read-modify-write in one go: another tab of the same draft may have written in between. */
export function putJournalEntry(dossierId: string, entry: JournalEntry): void {
  writeJournal(dossierId, [...readJournal(dossierId).filter((e) => e.field !== entry.field), entry]);
}

/** Removes the entries the server acknowledged; a newer value typed meanwhile stays. */
export function removeJournalEntries(dossierId: string, sent: JournalEntry[]): void {
  const acknowledged = new Set(sent.map((e) => `${e.field}@${e.at}`));
  writeJournal(dossierId, readJournal(dossierId).filter((e) => !acknowledged.has(`${e.field}@${e.at}`)));
}

export function clearDraftJournal(dossierId: string): void {
  writeJournal(dossierId, []);
}

/** Sign-out on a shared computer: nothing typed stays on the device. */
export function clearAllDraftJournals(): void {
  const store = storage();
  if (!store) return;
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key?.startsWith(JOURNAL_PREFIX)) keys.push(key);
  }
  keys.forEach((key) => store.removeItem(key));
}
