import Link from 'next/link';
import { buttonClassName } from '@/components/ui/button';
import { NavLink } from './nav-link';
import { SignOutForm } from './signed-in';

export type HeaderUser = {
  displayName: string;
  unreadNotifications: number;
  /** Agents and administrators: a link to the back office. */
  backOffice?: boolean;
};

export type SiteHeaderProps = {
  portalName: string;
  user?: HeaderUser | null;
  /** Server action that ends the session; the sign-out button posts to it. */
  signOutAction?: (formData: FormData) => void | Promise<void>;
};

const navItems = [
  { href: '/demarches', label: 'Liste des démarches' },
  { href: '/demandes', label: 'Mes demandes' },
  { href: '/brouillons', label: 'Mes brouillons' },
  { href: '/relations', label: 'Mes relations' },
  { href: '/porte-documents', label: 'Porte-documents' },
];

const wideLink =
  'block px-3 py-4 text-ink no-underline hover:bg-surface [&[aria-current]]:text-primary [&[aria-current]]:shadow-[inset_0_-3px_0_0_var(--color-primary)]';
const narrowLink =
  'block border-b border-line py-3 pl-3 text-ink no-underline hover:bg-surface [&[aria-current]]:border-l-4 [&[aria-current]]:border-l-primary [&[aria-current]]:font-bold [&[aria-current]]:text-primary';

function BellIcon() {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" className="size-5 shrink-0" fill="currentColor">
      <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
    </svg>
  );
}

function NotificationsLabel({ unread }: { unread: number }) {
  return (
    <span className="inline-flex items-center gap-2">
      <BellIcon />
      Notifications
      {unread > 0 ? (
        <span className="rounded-full bg-primary px-2 text-sm font-bold text-white">
          {unread}
          <span className="sr-only"> non {unread > 1 ? 'lues' : 'lue'}</span>
        </span>
      ) : null}
    </span>
  );
}

function NavList({ linkClass, unread, className }: { linkClass: string; unread: number; className?: string }) {
  return (
    <ul className={className}>
      {navItems.map((item) => (
        <li key={item.href}>
          <NavLink href={item.href} className={linkClass}>
            {item.label}
          </NavLink>
        </li>
      ))}
      <li className="lg:ml-auto">
        <NavLink href="/notifications" className={linkClass}>
          <NotificationsLabel unread={unread} />
        </NavLink>
      </li>
    </ul>
  );
}

function AccountLinks({ user, signOutAction }: Pick<SiteHeaderProps, 'user' | 'signOutAction'>) {
  if (!user) {
    return (
      <>
        <Link href="/connexion" className={buttonClassName('secondary', 'w-full sm:w-auto')}>
          Se connecter
        </Link>
        <Link href="/inscription" className={buttonClassName('primary', 'w-full sm:w-auto')}>
          Créer un compte
        </Link>
      </>
    );
  }
  return (
    <>
      <p className="text-sm text-ink-muted">
        <span className="sr-only">Connecté en tant que </span>
        {user.displayName}
      </p>
      {user.backOffice ? (
        <NavLink href="/admin" className={buttonClassName('secondary', 'w-full sm:w-auto')}>
          Dossiers à traiter
        </NavLink>
      ) : null}
      <NavLink href="/compte" className={buttonClassName('secondary', 'w-full sm:w-auto')}>
        Mon compte
      </NavLink>
      {signOutAction ? (
        <SignOutForm action={signOutAction} className="w-full sm:w-auto">
          <button type="submit" className={buttonClassName('tertiary', 'w-full sm:w-auto')}>
            Se déconnecter
          </button>
        </SignOutForm>
      ) : (
        <Link href="/deconnexion" className={buttonClassName('tertiary', 'w-full sm:w-auto')}>
          Se déconnecter
        </Link>
      )}
    </>
  );
}

/**
 * Site header. Wide screens: name and account links on top, inline navigation below.
 * Small screens (and 200 % zoom): a <details> "Menu" disclosure, which needs no JavaScript.
 */
export function SiteHeader({ portalName, user, signOutAction }: SiteHeaderProps) {
  const unread = user?.unreadNotifications ?? 0;
  return (
    <header className="relative border-b border-line bg-white">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-4 sm:px-6">
        <Link href="/" className="text-lg font-bold leading-tight text-ink no-underline sm:text-xl">
          {portalName}
        </Link>
        <div className="hidden items-center gap-3 lg:flex">
          <AccountLinks user={user} signOutAction={signOutAction} />
        </div>
        <details className="group lg:hidden">
          <summary
            className={buttonClassName(
              'secondary',
              'list-none px-3 [&::-webkit-details-marker]:hidden group-open:bg-primary-tint',
            )}
          >
            <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" className="size-5" fill="currentColor">
              <path d="M3 5h18v2H3V5Zm0 6h18v2H3v-2Zm0 6h18v2H3v-2Z" className="group-open:hidden" />
              <path d="m6.4 5 5.6 5.6L17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4 6.4 5Z" className="hidden group-open:block" />
            </svg>
            Menu
            {unread > 0 ? (
              <span className="rounded-full bg-primary px-2 text-sm font-bold text-white">
                {unread}
                <span className="sr-only"> {unread > 1 ? 'notifications non lues' : 'notification non lue'}</span>
              </span>
            ) : null}
          </summary>
          <div className="absolute inset-x-0 top-full z-20 border-b-4 border-primary bg-white px-4 pb-6 shadow-lg sm:px-6">
            <nav aria-label="Menu principal">
              <NavList linkClass={narrowLink} unread={unread} />
            </nav>
            <div className="mt-6 flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-center">
              <AccountLinks user={user} signOutAction={signOutAction} />
            </div>
          </div>
        </details>
      </div>
      <div className="hidden border-t border-line lg:block">
        <nav aria-label="Menu principal" className="mx-auto max-w-6xl px-3">
          <NavList linkClass={wideLink} unread={unread} className="flex" />
        </nav>
      </div>
    </header>
  );
}
