'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { reconnectDelayMs } from './reconnect-delay';

const citizenAnnouncements: Record<string, string> = {
  status_change: 'Le statut d’une de vos demandes a changé.',
  message: 'Vous avez reçu un message de l’administration.',
  response: 'Une réponse de l’administration est disponible.',
  completion_request: 'L’administration vous demande un complément : une de vos demandes est à compléter.',
  completion_withdrawn: 'L’administration a retiré une demande de complément : vous n’avez plus rien à envoyer pour celle-ci.',
};

/**
 * Keeps open pages up to date: when the server announces a notification (Server-Sent Events),
 * the page's server components are fetched again (header count, status, timeline, list) and a
 * polite live region says what happened. Without JavaScript, or when the server offers no stream,
 * the pages show the same on the next load.
 */
export function LiveUpdates({
  src = '/api/notifications/flux',
  announcements = citizenAnnouncements,
}: {
  /** The event stream to follow: the citizen's notifications by default. */
  src?: string;
  /** What the live region says for each kind of event. */
  announcements?: Record<string, string>;
}) {
  const router = useRouter();
  const [message, setMessage] = useState('');
  // A refresh sends new props: keep the stream open across them (only a new `src` reopens it).
  const wording = useRef(announcements);
  useEffect(() => {
    wording.current = announcements;
  }, [announcements]);

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    let source: EventSource | undefined;
    let retryTimer: number | undefined;
    let failures = 0;
    let opened = false;
    let stopped = false;
    const onNotification = (event: MessageEvent<string>) => {
      let kind = '';
      try {
        kind = (JSON.parse(event.data) as { kind?: string }).kind ?? '';
      } catch {
        // Refresh anyway.
      }
      setMessage(wording.current[kind] ?? 'La page a été mise à jour.');
      router.refresh();
    };
    const connect = () => {
      source = new EventSource(src);
      source.addEventListener('notification', onNotification);
      source.addEventListener('open', () => {
        // Back after a cut (an instance that stopped, an outage), or connected at last after failed
        // attempts: what happened meanwhile is fetched again, so nothing is missed.
        if (opened || failures > 0) router.refresh();
        failures = 0;
        opened = true;
      });
      source.addEventListener('error', () => {
        // The browser retries by itself after a network cut, but gives up for good on an error
        // status (500, 503 during an outage): then retry here, later and later, with jitter so
        // that every open page does not come back at the same moment.
        if (stopped || source?.readyState !== EventSource.CLOSED) return;
        source.close();
        failures += 1;
        window.clearTimeout(retryTimer);
        retryTimer = window.setTimeout(connect, reconnectDelayMs(failures));
      });
    };
    connect();
    return () => {
      stopped = true;
      window.clearTimeout(retryTimer);
      source?.removeEventListener('notification', onNotification);
      source?.close();
    };
  }, [router, src]);

  return (
    <p role="status" aria-live="polite" className="sr-only" data-testid="live-announcement">
      {message}
    </p>
  );
}
