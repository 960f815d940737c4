'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const items = [
  { href: '/admin', label: 'Dossiers', adminOnly: false },
  { href: '/admin/demarches', label: 'Démarches', adminOnly: true },
  { href: '/admin/agents', label: 'Agents', adminOnly: true },
  { href: '/admin/journal', label: 'Journal', adminOnly: true },
];

const linkClass =
  'inline-flex min-h-11 items-center border-b-4 border-transparent px-3 py-2 text-ink no-underline hover:bg-surface ' +
  '[&[aria-current]]:border-primary [&[aria-current]]:font-bold [&[aria-current]]:text-primary';

/**
 * Navigation of the back office, in its header. Agents only see "Dossiers" (the other pages answer
 * them 404). "Dossiers" is current on /admin and a dossier's page; the others also on their sub-pages.
 */
export function AdminNav({ isAdmin, unread = 0, className }: { isAdmin: boolean; /** Dossiers in scope with a citizen message or answer no agent has opened. */ unread?: number; className?: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Administration" className={className}>
      <ul className="flex flex-wrap gap-x-2">
        {items.filter((item) => isAdmin || !item.adminOnly).map((item) => {
          const inSection = item.href === '/admin' ? pathname.startsWith('/admin/dossiers/') : pathname.startsWith(`${item.href}/`);
          const current = pathname === item.href ? 'page' : inSection ? 'true' : undefined;
          return (
            <li key={item.href} className="flex items-center">
              <Link href={item.href} aria-current={current} className={linkClass}>
                {item.label}
              </Link>
              {item.href === '/admin' && unread > 0 ? (
                // Beside the link, not in it: the link keeps its name; the count is read after it.
                <span className="rounded-full bg-primary px-2 text-sm font-bold text-white" data-testid="unread-dossiers">
                  {unread}
                  <span className="sr-only">{unread > 1 ? ' dossiers avec une réponse non lue' : ' dossier avec une réponse non lue'}</span>
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
