'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

const announcements: Record<string, string> = {
  status_change: 'Le statut d’une de vos demandes a changé.',
  message: 'Vous avez reçu un message de l’administration.',
  response: 'Une réponse de l’administration est disponible.',
};

/**
 * Keeps open pages up to date: when the server announces a notification (Server-Sent Events),
 * the page's server components are fetched again (header count, status, timeline, list) and a
 * polite live region says what happened. Without JavaScript, or when the server offers no stream,
 * the pages show the same on the next load.
 */
export function LiveUpdates() {
  const router = useRouter();
  const [message, setMessage] = useState('');

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/notifications/flux');
    const onNotification = (event: MessageEvent<string>) => {
      let kind = '';
      try {
        kind = (JSON.parse(event.data) as { kind?: string }).kind ?? '';
      } catch {
        // Refresh anyway.
      }
      setMessage(announcements[kind] ?? 'Vous avez une nouvelle notification.');
      router.refresh();
    };
    source.addEventListener('notification', onNotification);
    return () => {
      source.removeEventListener('notification', onNotification);
      source.close();
    };
  }, [router]);

  return (
    <p role="status" aria-live="polite" className="sr-only" data-testid="live-announcement">
      {message}
    </p>
  );
}
