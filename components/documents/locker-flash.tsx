'use client';

import { useState, useSyncExternalStore } from 'react';
import { Alert } from '@/components/ui';

// Counts the uploads refused on this page: a success banner shown before a refusal (?ajout=1 stays
// in the address) must not keep saying "ajouté" under it.
let refusals = 0;
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The add form calls this when its upload is refused. */
export function markUploadRefused() {
  refusals += 1;
  listeners.forEach((listener) => listener());
}

/**
 * The Porte-documents success banner, gone once a later upload is refused. The page gives it a new
 * key on each server render, so the banner of a later success starts shown again.
 */
export function LockerFlash({ message }: { message: string }) {
  const [baseline] = useState(() => refusals);
  const hidden = useSyncExternalStore(
    subscribe,
    () => refusals > baseline,
    () => false,
  );
  if (hidden) return null;
  return (
    <Alert tone="success">
      <p>{message}</p>
    </Alert>
  );
}
