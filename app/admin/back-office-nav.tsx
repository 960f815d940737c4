import { NavLink } from '@/components/layout/nav-link';

const linkClass =
  'inline-flex min-h-11 items-center px-3 text-ink no-underline hover:bg-surface [&[aria-current=page]]:font-bold [&[aria-current=page]]:text-primary [&[aria-current=page]]:shadow-[inset_0_-3px_0_0_var(--color-primary)]';

/** The back office's own menu; "Agents" only for administrators. */
export function BackOfficeNav({ isAdmin }: { isAdmin: boolean }) {
  if (!isAdmin) return null;
  return (
    <nav aria-label="Espace agents" className="mb-6 border-b border-line">
      <ul className="flex flex-wrap gap-2">
        <li>
          <NavLink href="/admin" className={linkClass}>
            Dossiers
          </NavLink>
        </li>
        <li>
          <NavLink href="/admin/agents" className={linkClass}>
            Agents et démarches confiées
          </NavLink>
        </li>
        <li>
          <NavLink href="/admin/journal" className={linkClass}>
            Journal
          </NavLink>
        </li>
      </ul>
    </nav>
  );
}
