'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { MouseEvent, ReactNode } from 'react';

export type NavLinkProps = { href: string; className?: string; children: ReactNode };

// Closes the small-screen <details> menu after a client-side navigation (the layout stays mounted).
function closeMenu(event: MouseEvent<HTMLAnchorElement>) {
  event.currentTarget.closest('details')?.removeAttribute('open');
}

/**
 * A navigation link that knows the current URL: aria-current="page" on the page itself,
 * aria-current="true" inside its section (/demarches/acte-de-naissance under /demarches).
 */
export function NavLink({ href, className, children }: NavLinkProps) {
  const pathname = usePathname();
  const current = pathname === href ? 'page' : href !== '/' && pathname.startsWith(`${href}/`) ? 'true' : undefined;
  return (
    <Link href={href} aria-current={current} className={className} onClick={closeMenu}>
      {children}
    </Link>
  );
}
