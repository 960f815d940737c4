// Catalogue categories: stable keys stored in procedures.category, French labels for the UI.
// Pure module (no server-only) so that client components can label a category too.

export const categories = [
  { key: 'etat-civil', label: 'État civil' },
  { key: 'education', label: 'Éducation et enfance' },
  { key: 'associations', label: 'Vie associative' },
  { key: 'voirie', label: 'Voirie et cadre de vie' },
  { key: 'urbanisme', label: 'Urbanisme et logement' },
  { key: 'solidarite', label: 'Solidarité et action sociale' },
  { key: 'culture-sport', label: 'Culture, sport et loisirs' },
  { key: 'citoyennete', label: 'Élections et citoyenneté' },
] as const;

export type CategoryKey = (typeof categories)[number]['key'];

export function isCategoryKey(key: string): key is CategoryKey {
  return categories.some((c) => c.key === key);
}

/** The French label of a category; an unknown key is shown as is rather than hidden. */
export function getCategoryLabel(key: string): string {
  return categories.find((c) => c.key === key)?.label ?? key;
}
