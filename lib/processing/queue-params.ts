import type { DossierListQuery } from './schemas';

// The queue's query string, rebuilt from parsed filters (links, the export, the return after a
// bulk change): only known, valid parameters ever go back into a URL. Pure module.

export function queueSearchParams(query: Partial<DossierListQuery>, extra: Record<string, string | undefined> = {}): URLSearchParams {
  const params = new URLSearchParams();
  const entries: [string, string | undefined][] = [
    ['q', query.q],
    ['procedure', query.procedure],
    ['status', query.procedure ? query.status : undefined],
    ['du', query.du],
    ['au', query.au],
    ['attribution', query.attribution],
    ['nonlu', query.nonlu],
    ['tri', query.tri && query.tri !== 'depot' ? query.tri : undefined],
    ['apres', query.apres],
    ...Object.entries(extra),
  ];
  for (const [key, value] of entries) if (value) params.set(key, value);
  return params;
}

export function queueHref(query: Partial<DossierListQuery>, extra: Record<string, string | undefined> = {}): string {
  const search = queueSearchParams(query, extra).toString();
  return search ? `/admin?${search}` : '/admin';
}
