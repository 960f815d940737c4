// Counts of a filtered queue stop at COUNT_CAP (decision 022): a figure above it reads "plus de
// 10 000". Pure module: the page and its tests share it.

export const COUNT_CAP = 10_000;

/** "12", or "plus de 10 000" for a figure above the cap (figures below it are written as before). */
export function formatCount(n: number): string {
  return n > COUNT_CAP ? `plus de ${COUNT_CAP.toLocaleString('fr-FR')}` : String(n);
}
