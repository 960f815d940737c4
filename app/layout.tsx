import type { Metadata } from 'next';
import { cookies, headers } from 'next/headers';
import type { ReactNode } from 'react';
import { SiteFooter } from '@/components/layout/site-footer';
import { SiteHeader } from '@/components/layout/site-header';
import { BackOfficeHeader } from '@/components/layout/back-office-header';
import { LiveUpdates, SessionTimeoutWarning } from '@/components/layout/signed-in';
import { signOutAction } from '@/app/deconnexion/actions';
import { absoluteLifetimeSeconds, readSessionToken, sessionEndsAt, SESSION_MAX_AGE_SECONDS } from '@/lib/auth/session-token';
import { getCurrentUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { accessibilityLinkLabel, buildAccessibilityStatement } from '@/lib/statements/accessibility';
import { countUnreadNotifications } from '@/lib/notifications/queries';
import { countUnreadDossiers } from '@/lib/processing/unread';
import { isDatabaseUnavailableError, markDatabaseDown } from '@/lib/platform/database-status';
import './globals.css';

export function generateMetadata(): Metadata {
  const name = getEnv().PORTAL_NAME;
  return {
    title: { template: `%s — ${name}`, default: name },
    description: 'Effectuez vos démarches en ligne et suivez vos demandes auprès de votre administration.',
    applicationName: name,
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request headers renders every page per request, so Next can put the fresh CSP
  // nonce that proxy.ts sets (x-nonce and the CSP request header) on its scripts. No inline script here.
  await headers();
  const { PORTAL_NAME } = getEnv();
  const { user, unavailable } = await readSignedInUser();
  // The real expiry of this browser's cookie (renewed at most once a minute by the proxy).
  const store = await cookies();
  const token = user ? await readSessionToken((name) => store.get(name)?.value) : null;
  const expiresAt = token?.exp ? new Date(token.exp * 1000).toISOString() : null;
  // And when it ends whatever happens (absolute lifetime from the sign-in): no extension past it.
  const endsAt = token && user ? new Date(sessionEndsAt(token, user.role) * 1000).toISOString() : undefined;
  const headerUser = user ? { displayName: user.displayName, unreadNotifications: user.unread, backOffice: user.role !== 'citizen' } : null;
  return (
    <html lang="fr">
      <body className="flex min-h-screen flex-col bg-white">
        <a
          href="#contenu"
          className="absolute left-2 top-2 z-50 -translate-y-[200%] bg-primary px-4 py-3 font-bold text-white focus:translate-y-0"
        >
          Aller au contenu
        </a>
        {user && user.role !== 'citizen' ? (
          <BackOfficeHeader portalName={PORTAL_NAME} user={{ displayName: user.displayName, isAdmin: user.role === 'admin', unreadDossiers: user.unread }} signOutAction={signOutAction} />
        ) : (
          <SiteHeader portalName={PORTAL_NAME} user={headerUser} signOutAction={signOutAction} />
        )}
        {user?.role === 'citizen' ? <LiveUpdates /> : null}
        {expiresAt ? (
          <SessionTimeoutWarning
            expiresAt={expiresAt}
            maxAgeSeconds={SESSION_MAX_AGE_SECONDS}
            endsAt={endsAt}
            lifetimeHours={user ? absoluteLifetimeSeconds(user.role) / 3600 : undefined}
            signOutAction={signOutAction}
          />
        ) : null}
        {unavailable ? <OutageBanner /> : null}
        <main id="contenu" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6 md:py-12">
          {children}
        </main>
        <SiteFooter portalName={PORTAL_NAME} accessibilityLabel={accessibilityLinkLabel(buildAccessibilityStatement(getEnv()))} />
      </body>
    </html>
  );
}

/**
 * The signed-in user and their unread count: notifications for a citizen, dossiers with a citizen
 * message or answer no agent has opened for the back office (in the user's scope). During a database outage: signed out, and a banner,
 * so that the pages that need no database (help, legal statements) are still served (decision 020).
 */
async function readSignedInUser() {
  try {
    const user = await getCurrentUser();
    if (!user) return { user: null, unavailable: false };
    const db = await getDb();
    const unread = user.role === 'citizen' ? await countUnreadNotifications(db, user.id) : await countUnreadDossiers(db, user);
    return { user: { ...user, unread }, unavailable: false };
  } catch (error) {
    if (!isDatabaseUnavailableError(error)) throw error;
    markDatabaseDown();
    return { user: null, unavailable: true };
  }
}

function OutageBanner() {
  return (
    <div role="status" className="border-b border-line bg-primary-tint">
      <p className="mx-auto max-w-6xl px-4 py-3 sm:px-6">
        <strong>Service momentanément indisponible.</strong> Votre espace personnel et les démarches ne peuvent pas être
        affichés pour le moment ; vos brouillons enregistrés ne sont pas perdus. Réessayez dans quelques minutes.
      </p>
    </div>
  );
}
