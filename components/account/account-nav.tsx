'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const items = [
  { href: '/compte', label: 'Mes informations' },
  { href: '/compte/identifiant', label: 'Identifiant' },
  { href: '/compte/mot-de-passe', label: 'Mot de passe' },
  { href: '/compte/preferences', label: 'Mes préférences' },
  { href: '/compte/export', label: 'Exporter mes données' },
  { href: '/compte/supprimer', label: 'Supprimer mon compte' },
];

const linkClass =
  'block border-l-4 border-transparent px-3 py-2 text-ink no-underline hover:bg-surface ' +
  '[&[aria-current]]:border-primary [&[aria-current]]:font-bold [&[aria-current]]:text-primary';

/** Sub-navigation of the account space; exact match only, so "Mes informations" is not current on sub-pages. */
export function AccountNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Mon compte">
      <p className="mb-2 font-bold">Mon compte</p>
      <ul className="border-l border-line">
        {items.map((item) => (
          <li key={item.href}>
            <Link href={item.href} aria-current={pathname === item.href ? 'page' : undefined} className={linkClass}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
