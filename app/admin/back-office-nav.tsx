import Link from 'next/link';

const linkClass =
  'inline-flex min-h-11 items-center px-3 text-ink no-underline hover:bg-surface [&[aria-current=page]]:font-bold [&[aria-current=page]]:text-primary [&[aria-current=page]]:shadow-[inset_0_-3px_0_0_var(--color-primary)]';

export type BackOfficeSection = 'dossiers' | 'demarches' | 'agents' | 'journal';

const sections: { key: BackOfficeSection; href: string; label: string; adminOnly: boolean }[] = [
  { key: 'dossiers', href: '/admin', label: 'Dossiers', adminOnly: false },
  { key: 'demarches', href: '/admin/demarches', label: 'Démarches', adminOnly: false },
  { key: 'agents', href: '/admin/agents', label: 'Agents et démarches confiées', adminOnly: true },
  { key: 'journal', href: '/admin/journal', label: 'Journal', adminOnly: true },
];

/** The back office's own menu; "Agents" and "Journal" only for administrators. */
export function BackOfficeNav({ isAdmin, current }: { isAdmin: boolean; current: BackOfficeSection }) {
  return (
    <nav aria-label="Espace agents" className="mb-6 border-b border-line">
      <ul className="flex flex-wrap gap-2">
        {sections
          .filter((section) => isAdmin || !section.adminOnly)
          .map((section) => (
            <li key={section.key}>
              <Link href={section.href} aria-current={section.key === current ? 'page' : undefined} className={linkClass}>
                {section.label}
              </Link>
            </li>
          ))}
      </ul>
    </nav>
  );
}
