import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DraftAutosave, type SaveStatus } from '@/components/forms/autosave-client';
import { conflictRows } from '@/components/forms/conflict-rows';
import { clearAllDraftJournals, putJournalEntry, readJournal, removeJournalEntries } from '@/components/forms/draft-journal';
import { parseDefinition } from '@/lib/procedures/definition';

// The browser's autosave without a browser: the device journal over an in-memory localStorage,
// the save engine against a scripted PATCH endpoint (fetch is the only thing replaced), and the
// rows of the conflict panel. The journeys themselves are in tests/e2e/draft-form.spec.ts.

class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value));
  }
}

const DRAFT = 'b4f33133-d468-4f2c-a17d-2e482fcea731';
const JOURNAL = `portail:journal:${DRAFT}`;

type Call = { baseVersion: number; changes: Record<string, unknown>; keepalive: boolean };
let storage: MemoryStorage;
let calls: Call[];
let replies: (() => Promise<Response>)[];

const json = (status: number, body: unknown) => () => Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
const offline = () => Promise.reject(new TypeError('Failed to fetch'));

beforeEach(() => {
  storage = new MemoryStorage();
  calls = [];
  replies = [];
  vi.stubGlobal('window', { localStorage: storage });
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    expect(url).toBe(`/api/brouillons/${DRAFT}`);
    expect(init.method).toBe('PATCH');
    calls.push({ ...JSON.parse(String(init.body)), keepalive: !!init.keepalive });
    const reply = replies.shift();
    if (!reply) throw new Error('unexpected request');
    return reply();
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

function startAutosave(version = 3) {
  const statuses: SaveStatus[] = [];
  const autosave = new DraftAutosave({ dossierId: DRAFT, version, onStatus: (s) => statuses.push(s), debounceMs: 1_000 });
  return { autosave, statuses, last: () => statuses.at(-1)?.kind };
}

describe('draft journal', () => {
  it('keeps one entry per field, the latest value winning, and ignores what it cannot read', () => {
    putJournalEntry(DRAFT, { field: 'lieu', value: 'Place', at: 1, baseVersion: 3 });
    putJournalEntry(DRAFT, { field: 'description', value: 'Trou', at: 2, baseVersion: 3 });
    putJournalEntry(DRAFT, { field: 'lieu', value: 'Place Bellecour', at: 3, baseVersion: 3 });
    expect(readJournal(DRAFT).map((e) => [e.field, e.value])).toEqual([['description', 'Trou'], ['lieu', 'Place Bellecour']]);

    storage.setItem(JOURNAL, JSON.stringify([{ field: 'lieu', value: 'x', at: 'hier', baseVersion: 3 }, { field: 'ok', value: null, at: 4, baseVersion: 3 }]));
    expect(readJournal(DRAFT).map((e) => e.field)).toEqual(['ok']);
    storage.setItem(JOURNAL, '{not json');
    expect(readJournal(DRAFT)).toEqual([]);
  });

  it('removes only what the server acknowledged: a value typed meanwhile stays', () => {
    const sent = { field: 'lieu', value: 'Place', at: 1, baseVersion: 3 };
    putJournalEntry(DRAFT, sent);
    putJournalEntry(DRAFT, { field: 'lieu', value: 'Place Bellecour', at: 2, baseVersion: 3 });
    removeJournalEntries(DRAFT, [sent]);
    expect(readJournal(DRAFT).map((e) => e.value)).toEqual(['Place Bellecour']);
    removeJournalEntries(DRAFT, [{ ...sent, at: 2 }]);
    expect(storage.getItem(JOURNAL)).toBeNull();
  });

  it('on sign-out, forgets every draft journal of the device and nothing else', () => {
    putJournalEntry(DRAFT, { field: 'lieu', value: 'Place', at: 1, baseVersion: 3 });
    putJournalEntry('autre-brouillon', { field: 'nom', value: 'Durand', at: 1, baseVersion: 1 });
    storage.setItem('preferences', 'garder');
    clearAllDraftJournals();
    expect(storage.length).toBe(1);
    expect(storage.getItem('preferences')).toBe('garder');
  });

  it('works without storage (disabled by the browser): nothing is read, nothing throws', () => {
    vi.stubGlobal('window', {
      get localStorage(): Storage {
        throw new Error('SecurityError');
      },
    });
    expect(() => putJournalEntry(DRAFT, { field: 'lieu', value: 'Place', at: 1, baseVersion: 3 })).not.toThrow();
    expect(readJournal(DRAFT)).toEqual([]);
  });
});

describe('DraftAutosave', () => {
  it('journals a change at once, sends it a second after typing stops, then clears the journal', async () => {
    vi.useFakeTimers();
    const { autosave, statuses, last } = startAutosave();
    replies.push(json(200, { version: 4, savedAt: '2026-03-27T13:32:00.000Z' }));
    autosave.record('lieu', 'Place Bellecour');
    expect(readJournal(DRAFT).map((e) => e.value)).toEqual(['Place Bellecour']);
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([{ baseVersion: 3, changes: { lieu: 'Place Bellecour' }, keepalive: false }]);
    expect(statuses.map((s) => s.kind)).toEqual(['saving', 'saved']);
    expect(last()).toBe('saved');
    expect(autosave.version).toBe(4);
    expect(storage.getItem(JOURNAL)).toBeNull();
    expect(autosave.hasUnsaved()).toBe(false);
  });

  it('keeps a value typed while a save is in flight, and sends it next from the new version', async () => {
    const { autosave } = startAutosave();
    let answer!: (r: Response) => void;
    replies.push(() => new Promise((resolve) => (answer = resolve)), json(200, { version: 5 }));
    autosave.record('lieu', 'Place');
    const flushing = autosave.flush();
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    autosave.record('lieu', 'Place Bellecour');
    answer(new Response(JSON.stringify({ version: 4 }), { status: 200 }));
    await flushing;
    expect(calls.map((c) => [c.baseVersion, c.changes])).toEqual([[3, { lieu: 'Place' }], [4, { lieu: 'Place Bellecour' }]]);
    expect(storage.getItem(JOURNAL)).toBeNull();
  });

  it('offline: says so, keeps the journal and retries two seconds later', async () => {
    vi.useFakeTimers();
    const { autosave, last } = startAutosave();
    replies.push(offline, json(200, { version: 4 }));
    autosave.record('lieu', 'Place');
    await autosave.flush();
    expect(last()).toBe('offline');
    expect(readJournal(DRAFT)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls).toHaveLength(2);
    expect(last()).toBe('saved');
    expect(storage.getItem(JOURNAL)).toBeNull();
  });

  it('a stale version with the same stored values is no conflict', async () => {
    const { autosave, last } = startAutosave();
    replies.push(json(409, { version: 7, data: { lieu: 'Place' } }));
    autosave.record('lieu', 'Place');
    await autosave.flush();
    expect(last()).toBe('saved');
    expect(autosave.version).toBe(7);
    expect(storage.getItem(JOURNAL)).toBeNull();
  });

  it('a real conflict stops saving until the citizen chooses; « garder mes saisies » saves over the stored version', async () => {
    const { autosave, statuses } = startAutosave();
    replies.push(json(409, { version: 7, data: { lieu: 'Rue Mercière' } }));
    autosave.record('lieu', 'Place');
    await autosave.flush();
    expect(statuses.at(-1)).toEqual({ kind: 'conflict', version: 7, saved: { lieu: 'Rue Mercière' }, mine: { lieu: 'Place' } });

    autosave.record('description', 'Trou');
    await autosave.flush();
    expect(calls).toHaveLength(1);
    expect(readJournal(DRAFT).map((e) => e.field).sort()).toEqual(['description', 'lieu']);

    replies.push(json(200, { version: 8 }));
    await autosave.keepMine();
    expect(calls[1]).toEqual({ baseVersion: 7, changes: { lieu: 'Place', description: 'Trou' }, keepalive: false });
    expect(statuses.at(-1)?.kind).toBe('saved');
  });

  it('« recharger la version enregistrée » drops what the device kept', async () => {
    const { autosave } = startAutosave();
    replies.push(json(409, { version: 7, data: { lieu: 'Rue Mercière' } }));
    autosave.record('lieu', 'Place');
    await autosave.flush();
    autosave.discard();
    expect(autosave.hasUnsaved()).toBe(false);
    expect(storage.getItem(JOURNAL)).toBeNull();
  });

  it('values the server refuses (400) are dropped so later saves go through; a deleted draft (404) is gone', async () => {
    const first = startAutosave();
    replies.push(json(400, { message: 'Valeur invalide' }));
    first.autosave.record('nombre', 'trois');
    await first.autosave.flush();
    expect(first.last()).toBe('refused');
    expect(storage.getItem(JOURNAL)).toBeNull();

    const second = startAutosave();
    replies.push(json(404, {}));
    second.autosave.record('lieu', 'Place');
    await second.autosave.flush();
    expect(second.last()).toBe('gone');
    expect(storage.getItem(JOURNAL)).toBeNull();
  });

  it('an expired session keeps the journal for after signing in again', async () => {
    const { autosave, last } = startAutosave();
    replies.push(json(401, {}));
    autosave.record('lieu', 'Place');
    await autosave.flush();
    expect(last()).toBe('expired');
    expect(readJournal(DRAFT).map((e) => e.value)).toEqual(['Place']);
  });

  it('refused from this address: says so once, keeps the journal, links to the public address, never retries', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('window', { localStorage: storage, location: { pathname: `/brouillons/${DRAFT}/probleme`, search: '', hash: '' } });
    const { autosave, statuses, last } = startAutosave();
    replies.push(json(403, { error: 'forbidden-origin', publicOrigin: 'http://localhost:3000' }));
    autosave.record('lieu', 'Place');
    await autosave.flush();
    expect(statuses.at(-1)).toEqual({ kind: 'wrong-address', publicHref: `http://localhost:3000/brouillons/${DRAFT}/probleme` });
    expect(readJournal(DRAFT).map((e) => e.value)).toEqual(['Place']);
    autosave.record('lieu', 'Place Bellecour');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(1);
    expect(last()).toBe('wrong-address');
  });

  it('another 403 is a passing failure: retried', async () => {
    vi.useFakeTimers();
    const { autosave, last } = startAutosave();
    replies.push(json(403, { error: 'forbidden' }), json(200, { version: 4 }));
    autosave.record('lieu', 'Place');
    await autosave.flush();
    expect(last()).toBe('unavailable');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(last()).toBe('saved');
  });

  it('replays the journal of an earlier visit, naming the older version it was typed over', async () => {
    putJournalEntry(DRAFT, { field: 'lieu', value: 'Place', at: 1, baseVersion: 2 });
    const { autosave } = startAutosave(5);
    expect(autosave.pendingEntries.map((e) => e.value)).toEqual(['Place']);
    replies.push(json(200, { version: 6 }));
    await autosave.flush();
    // The server compares with version 2: a change made since on another device is a conflict, not overwritten.
    expect(calls[0].baseVersion).toBe(2);
  });

  it('on leaving the page, sends what is pending with keepalive', async () => {
    const { autosave } = startAutosave();
    replies.push(json(200, { version: 4 }));
    autosave.record('lieu', 'Place');
    autosave.flushOnExit();
    await vi.waitFor(() => expect(calls).toEqual([{ baseVersion: 3, changes: { lieu: 'Place' }, keepalive: true }]));
  });
});

describe('conflictRows', () => {
  const definition = parseDefinition({
    beneficiaries: ['self'],
    steps: [
      {
        key: 'tout',
        title: 'Tout',
        fields: [
          { key: 'info', type: 'info', label: 'À savoir', body: 'Texte' },
          { key: 'lieu', type: 'text', label: 'Lieu' },
          { key: 'rappel', type: 'yesno', label: 'Être rappelé ?' },
          { key: 'siret', type: 'siret', label: 'SIRET' },
          { key: 'photo', type: 'file', label: 'Photo' },
        ],
      },
    ],
    statuses: [{ key: 'fin', label: 'Fin', tone: 'success', final: true }],
  });

  it('lists the questions I answered differently, both answers as people read them', () => {
    const mine = { lieu: 'Place', rappel: true, siret: '73282932000074', photo: ['a'] };
    const saved = { lieu: 'Place', rappel: false, siret: null, photo: ['b'] };
    expect(conflictRows(definition, mine, saved)).toEqual([
      { key: 'rappel', label: 'Être rappelé ?', mine: 'Oui', saved: 'Non' },
      { key: 'siret', label: 'SIRET', mine: '732 829 320 00074', saved: '' },
    ]);
  });

  it('ignores questions I did not touch, and empty answers that only differ by null or absence', () => {
    expect(conflictRows(definition, { lieu: null }, { rappel: true })).toEqual([]);
  });
});
