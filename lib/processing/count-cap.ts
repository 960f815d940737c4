// Counts of a queue filtered by search, dates, assignment or unread stop at COUNT_CAP (decision
// 022): a figure above it reads "plus de 1 000". Counting further costs as much as reading every
// match (a common name matches tens of thousands at 1 M dossiers) and tells an agent nothing more
// than "narrow the search". Pure module: the page and its tests share it.

export const COUNT_CAP = 1_000;

/** "12", or "plus de 1 000" for a figure above the cap (figures up to it are written as before). */
export function formatCount(n: number): string {
  return n > COUNT_CAP ? `plus de ${COUNT_CAP.toLocaleString('fr-FR')}` : String(n);
}
