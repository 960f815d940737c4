import 'server-only';

// Which procedure version a citizen's draft was started with. A draft never changes version, so
// once an owner-scoped read has told us, autosave can validate without reading the draft again:
// the UPDATE still checks owner, status and version. Keyed by owner AND dossier: an entry is only
// ever created by a read scoped to that owner, so a stranger's id never hits the cache.
const MAX_ENTRIES = 20_000;
const versions = new Map<string, string>();

const keyOf = (ownerId: string, dossierId: string) => `${ownerId}/${dossierId}`;

export function rememberDraft(ownerId: string, dossierId: string, versionId: string): void {
  const key = keyOf(ownerId, dossierId);
  if (!versions.has(key) && versions.size >= MAX_ENTRIES) versions.delete(versions.keys().next().value!);
  versions.set(key, versionId);
}

export function recallDraftVersion(ownerId: string, dossierId: string): string | undefined {
  return versions.get(keyOf(ownerId, dossierId));
}

export function forgetDraft(ownerId: string, dossierId: string): void {
  versions.delete(keyOf(ownerId, dossierId));
}
