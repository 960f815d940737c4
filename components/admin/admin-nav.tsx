'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const items = [
  { href: '/admin', label: 'Dossiers' },
  { href: '/admin/demarches', label: 'Démarches' },
  { href: '/admin/agents', label: 'Agents' },
  { href: '/admin/journal', label: 'Journal' },
];

const linkClass =
  'inline-flex min-h-11 items-center border-b-4 border-transparent px-3 py-2 text-ink no-underline hover:bg-surface ' +
  '[&[aria-current]]:border-primary [&[aria-current]]:font-bold [&[aria-current]]:text-primary';

/**
 * Sub-navigation of the administration pages. "Dossiers" is current on /admin only; the others also
 * on their sub-pages (/admin/demarches/… marks "Démarches").
 */
export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Administration" className="mb-8 border-b border-line">
      <ul className="flex flex-wrap gap-x-2">
        {items.map((item) => {
          const current = pathname === item.href ? 'page' : item.href !== '/admin' && pathname.startsWith(`${item.href}/`) ? 'true' : undefined;
          return (
            <li key={item.href}>
              <Link href={item.href} aria-current={current} className={linkClass}>
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
