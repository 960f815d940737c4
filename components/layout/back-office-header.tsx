import Link from 'next/link';
import { buttonClassName } from '@/components/ui/button';
import { AdminNav } from './back-office-nav';
import { SignOutForm } from './signed-in';

// The back office's own header (agents and administrators): no citizen menu, the back-office
// links, who is signed in and the sign-out button. Wraps on small screens; no JavaScript needed.

export type BackOfficeHeaderProps = {
  portalName: string;
  user: { displayName: string; isAdmin: boolean; unreadDossiers: number };
  signOutAction: (formData: FormData) => void | Promise<void>;
};

export function BackOfficeHeader({ portalName, user, signOutAction }: BackOfficeHeaderProps) {
  return (
    <header className="border-b-4 border-primary bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-4 sm:px-6">
        <Link href="/admin" className="text-lg font-bold leading-tight text-ink no-underline sm:text-xl">
          {portalName}
          <span className="block text-base font-normal text-ink-muted">Espace agents</span>
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-sm text-ink-muted">
            <span className="sr-only">Connecté en tant que </span>
            {user.displayName}
          </p>
          <SignOutForm action={signOutAction}>
            <button type="submit" className={buttonClassName('tertiary')}>
              Se déconnecter
            </button>
          </SignOutForm>
        </div>
      </div>
      <div className="border-t border-line">
        <AdminNav isAdmin={user.isAdmin} unread={user.unreadDossiers} className="mx-auto max-w-6xl px-1 sm:px-3" />
      </div>
    </header>
  );
}
