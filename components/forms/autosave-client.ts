import type { AnswerValue, Answers } from '@/lib/procedures/answers';
import { isSameAnswer } from '@/lib/procedures/step-rules';
import { clearDraftJournal, putJournalEntry, readJournal, removeJournalEntries, type JournalEntry } from './draft-journal';

// The autosave engine of one draft in one tab, without React: every change goes to the journal
// first, then to PATCH /api/brouillons/[id] (one request at a time, naming the version it
// started from). The journal entry leaves only once the server has acknowledged that value.

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'offline' }
  | { kind: 'unavailable' }
  | { kind: 'expired' }
  | { kind: 'conflict'; version: number; saved: Answers; mine: Answers }
  | { kind: 'gone' }
  | { kind: 'refused' }
  /** The server refuses saves from the address this page was opened at: retrying cannot help. */
  | { kind: 'wrong-address'; publicHref: string | null };

export type AutosaveOptions = {
  dossierId: string;
  /** The draft version the page was rendered from. */
  version: number;
  onStatus: (status: SaveStatus) => void;
  debounceMs?: number;
};

const RETRY_DELAYS_MS = [2_000, 5_000, 10_000, 30_000];
const REQUEST_TIMEOUT_MS = 15_000;

type Blocked = 'conflict' | 'expired' | 'gone' | 'wrong-address';

export class DraftAutosave {
  version: number;
  private readonly dossierId: string;
  private readonly onStatus: (status: SaveStatus) => void;
  private readonly debounceMs: number;
  private readonly pending = new Map<string, JournalEntry>();
  private inFlight: Promise<boolean> | null = null;
  private debounceTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryCount = 0;
  private lastAt = 0;
  private blocked: Blocked | null = null;
  private conflict: { version: number; saved: Answers } | null = null;
  // Entries replayed from an earlier visit may have been typed over an older version.
  private replayBase: number | null = null;
  private disposed = false;

  constructor(options: AutosaveOptions) {
    this.dossierId = options.dossierId;
    this.version = options.version;
    this.onStatus = options.onStatus;
    this.debounceMs = options.debounceMs ?? 1_000;
    const replayed = readJournal(this.dossierId);
    replayed.forEach((entry) => this.pending.set(entry.field, entry));
    const oldest = Math.min(...replayed.map((e) => e.baseVersion));
    if (replayed.length && oldest < this.version) this.replayBase = oldest;
  }

  /** What is not yet acknowledged (after a page load: what the journal replays). */
  get pendingEntries(): JournalEntry[] {
    return [...this.pending.values()];
  }

  hasUnsaved(): boolean {
    return this.pending.size > 0 || this.inFlight !== null;
  }

  record(field: string, value: AnswerValue): void {
    const current = this.pending.get(field);
    if (current && isSameAnswer(current.value, value)) return;
    this.lastAt = Math.max(Date.now(), this.lastAt + 1);
    const entry: JournalEntry = { field, value, at: this.lastAt, baseVersion: this.version };
    this.pending.set(field, entry);
    putJournalEntry(this.dossierId, entry);
    if (this.blocked) return;
    clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => void this.flush(), this.debounceMs);
  }

  /** Sends everything pending, one request at a time, until the queue is empty or a save fails. */
  async flush(options: { keepalive?: boolean } = {}): Promise<void> {
    clearTimeout(this.debounceTimer);
    for (let round = 0; round < 10 && !this.disposed; round++) {
      if (this.inFlight) {
        await this.inFlight;
        continue;
      }
      if (!this.pending.size || this.blocked) return;
      this.inFlight = this.send(options.keepalive ?? false).finally(() => {
        this.inFlight = null;
      });
      if (!(await this.inFlight)) return;
    }
  }

  /** pagehide / hidden tab: a keepalive request outlives the page; the journal covers the rest. */
  flushOnExit(): void {
    if (!this.inFlight && this.pending.size && !this.blocked) void this.flush({ keepalive: true });
  }

  noteOffline(): void {
    if (!this.blocked) this.setStatus({ kind: 'offline' });
  }

  /** Back online: retry at once. */
  retryNow(): void {
    clearTimeout(this.retryTimer);
    this.retryCount = 0;
    if (!this.blocked && !this.pending.size) this.setStatus({ kind: 'idle' });
    void this.flush();
  }

  /** A server action saved the step: later saves start from its version. */
  adoptVersion(version: number): void {
    if (version <= this.version || this.blocked) return;
    this.version = version;
    this.rebase(version);
  }

  /** The step action met a conflict: stop saving until the citizen chooses. */
  enterConflict(version: number, saved: Answers, mine?: Answers): void {
    this.blocked = 'conflict';
    this.conflict = { version, saved };
    clearTimeout(this.retryTimer);
    const unsaved = Object.fromEntries(this.pendingEntries.map((e) => [e.field, e.value]));
    this.setStatus({ kind: 'conflict', version, saved, mine: { ...unsaved, ...mine } });
  }

  /** "Garder mes saisies": my values (pending, plus `mine`) are saved over the current version. */
  keepMine(mine: Answers = {}): Promise<void> {
    const target = this.conflict?.version ?? this.version;
    this.blocked = null;
    this.conflict = null;
    this.version = target;
    this.replayBase = null;
    for (const [field, value] of Object.entries(mine)) this.record(field, value);
    this.rebase(target);
    return this.flush();
  }

  /** "Recharger la version enregistrée": what this device kept is dropped. */
  discard(): void {
    clearTimeout(this.debounceTimer);
    this.pending.clear();
    clearDraftJournal(this.dossierId);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.debounceTimer);
    clearTimeout(this.retryTimer);
  }

  private setStatus(status: SaveStatus): void {
    if (!this.disposed) this.onStatus(status);
  }

  private rebase(version: number): void {
    for (const entry of this.pending.values()) {
      const rebased = { ...entry, baseVersion: version };
      this.pending.set(entry.field, rebased);
      putJournalEntry(this.dossierId, rebased);
    }
  }

  private async send(keepalive: boolean): Promise<boolean> {
    const entries = this.pendingEntries;
    const baseVersion = this.replayBase ?? this.version;
    this.setStatus({ kind: 'saving' });
    let response: Response;
    try {
      response = await fetch(`/api/brouillons/${encodeURIComponent(this.dossierId)}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ baseVersion, changes: Object.fromEntries(entries.map((e) => [e.field, e.value])) }),
        credentials: 'same-origin',
        cache: 'no-store',
        keepalive,
        signal: keepalive ? undefined : AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch {
      // No answer at all (offline, server unreachable): the journal keeps everything.
      this.failTemporarily('offline');
      return false;
    }
    return this.handle(response, entries);
  }

  private async handle(response: Response, entries: JournalEntry[]): Promise<boolean> {
    const body = (await response.json().catch(() => ({}))) as { version?: number; savedAt?: string; data?: Answers; error?: string; publicOrigin?: string };
    if (response.ok && typeof body.version === 'number') {
      this.replayBase = null;
      this.acknowledge(entries, body.version);
      this.setStatus({ kind: 'saved', at: body.savedAt ? new Date(body.savedAt) : new Date() });
      return true;
    }
    switch (response.status) {
      case 409:
        return this.resolveConflict(body.version ?? this.version, body.data ?? {});
      case 401:
        // Kept on this device: after signing in again, the page replays the journal.
        this.blocked = 'expired';
        this.setStatus({ kind: 'expired' });
        return false;
      case 403:
        if (body.error !== 'forbidden-origin') break;
        // Opened at an address the server refuses saves from (issue 12): retrying cannot help.
        // The journal keeps the answers on this device (this address's storage); the status
        // says so plainly and links to the same page at the public address.
        this.blocked = 'wrong-address';
        this.setStatus({ kind: 'wrong-address', publicHref: publicHrefOf(body.publicOrigin) });
        return false;
      case 404:
        // Submitted or deleted elsewhere: there is nothing left to save into.
        this.blocked = 'gone';
        this.discard();
        this.setStatus({ kind: 'gone' });
        return false;
      case 400:
      case 413:
        // The server will never accept these values: keeping them would block every later save.
        this.forget(entries);
        this.setStatus({ kind: 'refused' });
        return true;
    }
    this.failTemporarily('unavailable');
    return false;
  }

  private acknowledge(entries: JournalEntry[], version: number): void {
    this.forget(entries);
    this.retryCount = 0;
    this.version = version;
    this.rebase(version);
  }

  private forget(entries: JournalEntry[]): void {
    for (const entry of entries) {
      if (this.pending.get(entry.field)?.at === entry.at) this.pending.delete(entry.field);
    }
    removeJournalEntries(this.dossierId, entries);
  }

  /** A stale version is a conflict only if a value I typed differs from what is stored now. */
  private resolveConflict(version: number, saved: Answers): boolean {
    this.replayBase = null;
    this.forget(this.pendingEntries.filter((e) => isSameAnswer(e.value, saved[e.field])));
    if (!this.pending.size) {
      this.version = version;
      this.setStatus({ kind: 'saved', at: new Date() });
      return true;
    }
    this.enterConflict(version, saved);
    return false;
  }

  private failTemporarily(kind: 'offline' | 'unavailable'): void {
    this.setStatus({ kind });
    clearTimeout(this.retryTimer);
    const delay = RETRY_DELAYS_MS[Math.min(this.retryCount, RETRY_DELAYS_MS.length - 1)];
    this.retryCount++;
    this.retryTimer = setTimeout(() => void this.flush(), delay);
  }
}

/** This page at the portal's public address, or null if the server named none. */
function publicHrefOf(publicOrigin: string | undefined): string | null {
  if (!publicOrigin || typeof window === 'undefined') return null;
  try {
    const { pathname, search, hash } = window.location;
    return new URL(`${pathname}${search}${hash}`, publicOrigin).toString();
  } catch {
    return null;
  }
}
