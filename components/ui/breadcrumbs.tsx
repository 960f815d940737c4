import Link from 'next/link';

export type BreadcrumbItem = { label: string; href?: string };
export type BreadcrumbsProps = { items: BreadcrumbItem[] };

/** Fil d'Ariane: every item but the last is a link; the last one is the current page. */
export function Breadcrumbs({ items }: BreadcrumbsProps) {
  return (
    <nav aria-label="Fil d'Ariane" className="mb-6 text-sm">
      <ol className="flex flex-wrap items-center gap-x-2 gap-y-1">
        {items.map((item, index) => {
          const last = index === items.length - 1;
          return (
            <li key={`${index}-${item.label}`} className="flex items-center gap-2">
              {index > 0 ? (
                <span aria-hidden="true" className="text-ink-soft">
                  ›
                </span>
              ) : null}
              {last || !item.href ? (
                <span aria-current={last ? 'page' : undefined} className="text-ink-muted">
                  {item.label}
                </span>
              ) : (
                <Link href={item.href} className="text-ink-muted">
                  {item.label}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
