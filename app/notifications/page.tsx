import type { Metadata } from 'next';
import Link from 'next/link';
import { Alert, Button, PageHeader } from '@/components/ui';
import { requireCitizen } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { listNotifications } from '@/lib/notifications/queries';
import { markAllReadAction } from './actions';

export const metadata: Metadata = { title: 'Notifications' };

const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ lu?: string }> }) {
  const user = await requireCitizen('/notifications');
  const items = await listNotifications(await getDb(), user.id);
  const unread = items.filter((item) => !item.read).length;
  const { lu } = await searchParams;
  return (
    <div className="max-w-3xl">
      <PageHeader
        title="Notifications"
        lead="Les changements de statut de vos demandes, les messages de l’administration et la mise à disposition des réponses."
      />
      {lu ? <Alert tone="success">Toutes vos notifications sont marquées comme lues.</Alert> : null}
      {items.length === 0 ? (
        <p>Vous n’avez aucune notification pour le moment.</p>
      ) : (
        <>
          <p aria-live="polite">{unread === 0 ? 'Aucune notification non lue.' : `${unread} notification${unread > 1 ? 's' : ''} non lue${unread > 1 ? 's' : ''}.`}</p>
          {unread > 0 ? (
            <form action={markAllReadAction} className="my-4">
              <Button variant="secondary">Tout marquer comme lu</Button>
            </form>
          ) : null}
          <ul className="divide-y divide-line border-y border-line">
            {items.map((item) => (
              <li key={item.id} className="py-4">
                <p className={item.read ? '' : 'font-bold'}>
                  {item.read ? null : <span className="sr-only">Non lue : </span>}
                  {item.link ? <Link href={item.link}>{item.title}</Link> : item.title}
                </p>
                <p>{item.body}</p>
                <p className="text-sm text-ink-muted">{dateFormat.format(item.createdAt)}</p>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="mt-6 text-sm">
        Vous choisissez les notifications envoyées aussi par courriel dans <Link href="/compte/preferences">Mes préférences</Link>.
      </p>
    </div>
  );
}
