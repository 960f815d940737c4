import Link from 'next/link';

export type PaginationProps = {
  /** Current page, starting at 1. */
  page: number;
  pageCount: number;
  hrefForPage: (page: number) => string;
};

/** Pages to show: first, last, and the current page with its neighbours; null marks a gap. */
export function pageWindow(page: number, pageCount: number): (number | null)[] {
  const wanted = new Set([1, pageCount, page - 1, page, page + 1].filter((n) => n >= 1 && n <= pageCount));
  const sorted = [...wanted].sort((a, b) => a - b);
  const result: (number | null)[] = [];
  for (const n of sorted) {
    const previous = result[result.length - 1];
    if (typeof previous === 'number' && n - previous > 1) result.push(null);
    result.push(n);
  }
  return result;
}

const linkClass = 'inline-flex min-h-11 min-w-11 items-center justify-center px-3 no-underline hover:bg-primary-tint';

export function Pagination({ page, pageCount, hrefForPage }: PaginationProps) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pagination" className="mt-8">
      <ul className="flex flex-wrap items-center gap-1">
        {page > 1 ? (
          <li>
            <Link href={hrefForPage(page - 1)} className={linkClass}>
              <span aria-hidden="true">‹&nbsp;</span>Page précédente
            </Link>
          </li>
        ) : null}
        {pageWindow(page, pageCount).map((n, index) =>
          n === null ? (
            <li key={`gap-${index}`} aria-hidden="true" className="px-2 text-ink-soft">
              …
            </li>
          ) : (
            <li key={n}>
              <Link
                href={hrefForPage(n)}
                aria-label={`Page ${n}`}
                aria-current={n === page ? 'page' : undefined}
                className={`${linkClass} ${n === page ? 'bg-primary text-white hover:bg-primary' : ''}`}
              >
                {n}
              </Link>
            </li>
          ),
        )}
        {page < pageCount ? (
          <li>
            <Link href={hrefForPage(page + 1)} className={linkClass}>
              Page suivante
              <span aria-hidden="true">&nbsp;›</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
