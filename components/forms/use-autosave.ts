'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import type { AnswerValue, Answers } from '@/lib/procedures/answers';
import { DraftAutosave, type SaveStatus } from './autosave-client';
import type { JournalEntry } from './draft-journal';

const NAVIGATION_WAIT_MS = 3_000;

/** Links marked with this attribute leave without waiting for the autosave ("Recharger…"). */
export const SKIP_AUTOSAVE_ATTRIBUTE = 'data-autosave-skip';

export type AutosaveHandle = {
  status: SaveStatus;
  record: (field: string, value: AnswerValue) => void;
  flush: () => Promise<void>;
  currentVersion: (fallback: number) => number;
  adoptVersion: (version: number) => void;
  enterConflict: (version: number, saved: Answers, mine?: Answers) => void;
  keepMine: (mine?: Answers) => Promise<void>;
  discard: () => void;
  pendingEntries: () => JournalEntry[];
};

/**
 * Wires the autosave engine to the page: replays the journal on load, saves on `online`,
 * `pagehide` and when the tab is hidden, and holds a link click to another page until the
 * pending changes are saved (a step change must not race its own save).
 */
export function useDraftAutosave(options: { dossierId: string; version: number; onReplay: (entries: JournalEntry[]) => void; enabled?: boolean }): AutosaveHandle {
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const clientRef = useRef<DraftAutosave | null>(null);
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  const { dossierId, enabled = true } = options;
  useEffect(() => {
    // Off (the editor's preview): no journal, no request, no held link; the handle does nothing.
    if (!enabled) return;
    const client = new DraftAutosave({ dossierId, version: latest.current.version, onStatus: setStatus });
    clientRef.current = client;
    // Replayed before anything else: the fields show the journaled values, then they are sent.
    latest.current.onReplay(client.pendingEntries);
    void client.flush();

    const onOnline = () => client.retryNow();
    const onOffline = () => client.noteOffline();
    const onPageHide = () => client.flushOnExit();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') client.flushOnExit();
    };
    const onClick = (event: MouseEvent) => holdNavigation(event, client);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    window.addEventListener('pagehide', onPageHide);
    document.addEventListener('visibilitychange', onVisibility);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('pagehide', onPageHide);
      document.removeEventListener('visibilitychange', onVisibility);
      document.removeEventListener('click', onClick, true);
      client.flushOnExit();
      client.dispose();
      clientRef.current = null;
    };
  }, [dossierId, enabled]);

  const actions = useMemo(
    () => ({
      record: (field: string, value: AnswerValue) => clientRef.current?.record(field, value),
      flush: () => clientRef.current?.flush() ?? Promise.resolve(),
      currentVersion: (fallback: number) => clientRef.current?.version ?? fallback,
      adoptVersion: (version: number) => clientRef.current?.adoptVersion(version),
      enterConflict: (version: number, saved: Answers, mine?: Answers) => clientRef.current?.enterConflict(version, saved, mine),
      keepMine: (mine?: Answers) => clientRef.current?.keepMine(mine) ?? Promise.resolve(),
      discard: () => clientRef.current?.discard(),
      pendingEntries: () => clientRef.current?.pendingEntries ?? [],
    }),
    [],
  );
  return { status, ...actions };
}

function holdNavigation(event: MouseEvent, client: DraftAutosave): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = (event.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
  if (!anchor || anchor.hasAttribute(SKIP_AUTOSAVE_ATTRIBUTE) || anchor.hasAttribute('download')) return;
  if (anchor.target && anchor.target !== '_self') return;
  const url = new URL(anchor.href, window.location.href);
  if (url.origin !== window.location.origin) return;
  const samePage = url.pathname === window.location.pathname && url.search === window.location.search;
  if (samePage && url.hash) return; // an in-page link (error summary): nothing leaves
  if (!client.hasUnsaved()) return;
  // Before the next page reads the draft: save first, then go (the journal covers a failure).
  event.preventDefault();
  event.stopPropagation();
  const timeout = new Promise((resolve) => setTimeout(resolve, NAVIGATION_WAIT_MS));
  void Promise.race([client.flush(), timeout]).then(() => window.location.assign(url.href));
}
