'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { Button, buttonClassName } from '@/components/ui';
import { SignOutForm } from './sign-out-form';

export type SessionTimeoutWarningProps = {
  /** When the session cookie expires, ISO 8601: `(await auth())?.expires` on the server. */
  expiresAt: string;
  /** Lifetime given to the session by each request (the proxy renews it): 30 minutes. */
  maxAgeSeconds?: number;
  /** When the session ends whatever happens (its absolute lifetime, from the sign-in), ISO 8601. */
  endsAt?: string;
  /** That absolute lifetime in hours, for the notice (12 for citizens, 8 for the back office). */
  lifetimeHours?: number;
  /** Server action that ends the session; without it, "Se déconnecter" links to /deconnexion. */
  signOutAction?: (formData: FormData) => void | Promise<void>;
};

type Phase = 'active' | 'warning' | 'expired';

const WARN_BEFORE_MS = 2 * 60 * 1000;

function phaseAt(deadline: number, now: number): Phase {
  const left = deadline - now;
  return left <= 0 ? 'expired' : left <= WARN_BEFORE_MS ? 'warning' : 'active';
}

/** The renewed expiry; null when the session is over; undefined when the network failed. */
async function renewSession(): Promise<number | null | undefined> {
  try {
    // The server checks the session and sends a renewed cookie (app/api/session/route.ts).
    const response = await fetch('/api/session', { method: 'POST', cache: 'no-store', credentials: 'same-origin' });
    if (response.status === 401) return null;
    if (!response.ok) return undefined;
    const session = (await response.json()) as { expires?: string } | null;
    return session?.expires ? Date.parse(session.expires) : null;
  } catch {
    return undefined;
  }
}

/**
 * Inactivity timeout (RGAA 13.1): two minutes before the session ends, a dialog offers to extend it;
 * once it has ended, it says so and links to the sign-in page.
 */
export function SessionTimeoutWarning({ expiresAt, maxAgeSeconds = 30 * 60, endsAt, lifetimeHours = 12, signOutAction }: SessionTimeoutWarningProps) {
  const pathname = usePathname();
  const end = endsAt ? Date.parse(endsAt) : Infinity;
  const [deadline, setDeadline] = useState(() => Math.min(Date.parse(expiresAt), end));
  // The session cannot be extended past its absolute lifetime: the notice says so instead.
  const final = deadline >= end - 1000;
  const [phase, setPhase] = useState<Phase>('active');
  // The notice (phase and deadline) the citizen closed with Escape or "Continuer".
  const [dismissedNotice, setDismissedNotice] = useState<string | null>(null);
  const [extending, setExtending] = useState(false);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const extendRef = useRef<HTMLButtonElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const seenPathname = useRef(pathname);

  // A new expiry from the server (the layout rendered again) replaces ours.
  const [seenExpiresAt, setSeenExpiresAt] = useState(expiresAt);
  if (expiresAt !== seenExpiresAt) {
    setSeenExpiresAt(expiresAt);
    setDeadline(Math.min(Date.parse(expiresAt), end));
  }

  // Every client-side navigation goes through the proxy, which renews the session cookie.
  useEffect(() => {
    if (seenPathname.current === pathname) return;
    seenPathname.current = pathname;
    const timer = setTimeout(() => setDeadline(Math.min(Date.now() + maxAgeSeconds * 1000, end)), 0);
    return () => clearTimeout(timer);
  }, [pathname, maxAgeSeconds, end]);

  // Timers sleep with the tab or the laptop: check again when the page becomes visible.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      clearTimeout(timer);
      const left = deadline - Date.now();
      const next = phaseAt(deadline, Date.now());
      setPhase(next);
      if (next !== 'expired') timer = setTimeout(check, next === 'active' ? left - WARN_BEFORE_MS : left);
    };
    timer = setTimeout(check, 0);
    document.addEventListener('visibilitychange', check);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', check);
    };
  }, [deadline]);

  const notice = `${phase}@${deadline}`;
  const open = phase !== 'active' && dismissedNotice !== notice;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
    if (open) (phase === 'warning' && !final ? extendRef.current : headingRef.current)?.focus();
  }, [open, phase, final]);

  async function extend() {
    if (extending || final) return;
    setExtending(true);
    const expiry = await renewSession();
    setExtending(false);
    // A network failure leaves the notice up, so the citizen can try again.
    if (expiry === undefined) return;
    if (expiry && expiry > Date.now()) setDeadline(Math.min(expiry, end));
    else setPhase('expired');
  }

  return (
    <dialog
      ref={dialogRef}
      role="alertdialog"
      aria-labelledby="session-timeout-title"
      aria-describedby="session-timeout-text"
      onCancel={(event) => {
        // Escape: keep working (extend) before expiry; just close the notice after.
        event.preventDefault();
        if (phase === 'warning' && !final) void extend();
        else setDismissedNotice(notice);
      }}
      className="m-auto w-[min(36rem,calc(100%-2rem))] border-t-4 border-primary bg-white p-6 text-ink backdrop:bg-black/50"
    >
      <div aria-live="polite">
        {phase === 'expired' ? (
          <>
            <h2 id="session-timeout-title" ref={headingRef} tabIndex={-1} className="mb-3 text-2xl font-bold">
              Votre session a expiré
            </h2>
            <p id="session-timeout-text" className="mb-6">
              Pour protéger vos données, vous avez été déconnecté après une période d’inactivité. Reconnectez-vous pour continuer.
            </p>
            <Link href={`/connexion?callbackUrl=${encodeURIComponent(pathname)}`} className={buttonClassName('primary')}>
              Se reconnecter
            </Link>
          </>
        ) : phase === 'warning' && final ? (
          <>
            <h2 id="session-timeout-title" ref={headingRef} tabIndex={-1} className="mb-3 text-2xl font-bold">
              Votre session va se terminer
            </h2>
            <p id="session-timeout-text" className="mb-6">
              Pour protéger vos données, une session dure au plus {lifetimeHours} heures : la vôtre se termine dans 2 minutes et ne peut plus être
              prolongée. Vos brouillons sont enregistrés automatiquement ; reconnectez-vous ensuite pour continuer.
            </p>
            <div className="flex flex-wrap gap-3">
              <Button type="button" variant="secondary" onClick={() => setDismissedNotice(notice)}>
                Continuer
              </Button>
            </div>
          </>
        ) : phase === 'warning' ? (
          <>
            <h2 id="session-timeout-title" ref={headingRef} tabIndex={-1} className="mb-3 text-2xl font-bold">
              Votre session va expirer
            </h2>
            <p id="session-timeout-text" className="mb-6">
              Votre session va expirer dans 2 minutes pour protéger vos données. Souhaitez-vous la prolonger ?
            </p>
            <div className="flex flex-wrap gap-3">
              <Button ref={extendRef} type="button" onClick={() => void extend()} aria-disabled={extending || undefined}>
                Prolonger la session
              </Button>
              {signOutAction ? (
                <SignOutForm action={signOutAction}>
                  <Button variant="secondary">Se déconnecter</Button>
                </SignOutForm>
              ) : (
                <Link href="/deconnexion" className={buttonClassName('secondary')}>
                  Se déconnecter
                </Link>
              )}
            </div>
          </>
        ) : null}
      </div>
    </dialog>
  );
}
