import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { listOutbox } from '@/lib/mail';

// The development outbox: emails written to the database when Resend is not configured.
// Served only where lib/env.ts allows it (a demo or development bound to loopback, or DEV_OUTBOX=on),
// never in production: it shows every password-reset link (lib/common/dev-outbox.ts).

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Courriels envoyés', robots: { index: false, follow: false } };

const LIMIT = 200;
const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Paris' });

type Props = { searchParams: Promise<{ to?: string | string[] }> };

export default async function OutboxPage({ searchParams }: Props) {
  if (!getEnv().showsDevOutbox) notFound();
  const { to } = await searchParams;
  const recipient = (typeof to === 'string' ? to : '').trim();
  const messages = await listOutbox(await getDb(), { to: recipient || undefined, limit: LIMIT });

  return (
    <div className="max-w-5xl">
      <h1 className="mb-2 text-3xl font-bold">Courriels envoyés (environnement de développement)</h1>
      <p className="mb-6 text-ink-muted">
        Sans clé Resend, le portail n’envoie aucun courriel : il les conserve ici. Les {LIMIT} plus récents sont affichés.
      </p>

      <form method="get" className="mb-6 flex flex-wrap items-end gap-3">
        <div className="flex flex-col">
          <label htmlFor="to" className="font-bold">
            Destinataire
          </label>
          <input id="to" name="to" type="email" defaultValue={recipient} autoComplete="off" className="border border-ink-soft px-3 py-2" />
        </div>
        <button type="submit" className="bg-primary px-4 py-2 font-bold text-white hover:bg-primary-hover">
          Filtrer
        </button>
        {recipient && <Link href="/dev/courriels">Afficher tous les courriels</Link>}
      </form>

      {messages.length === 0 ? (
        <p>{recipient ? `Aucun courriel pour ${recipient}.` : 'Aucun courriel pour le moment.'}</p>
      ) : (
        <table className="w-full border-collapse text-left">
          <caption className="sr-only">
            {recipient ? `Courriels envoyés à ${recipient}` : 'Courriels envoyés'}, du plus récent au plus ancien
          </caption>
          <thead>
            <tr className="border-b-2 border-ink">
              <th scope="col" className="py-2 pr-4">Date</th>
              <th scope="col" className="py-2 pr-4">Destinataire</th>
              <th scope="col" className="py-2">Objet</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((message) => (
              <tr key={message.id} className="border-b border-line align-top">
                <td className="whitespace-nowrap py-2 pr-4">
                  <time dateTime={message.createdAt.toISOString()}>{dateFormat.format(message.createdAt)}</time>
                </td>
                <td className="py-2 pr-4 break-all">{message.to}</td>
                <td className="py-2">
                  <Link href={`/dev/courriels/${message.id}`}>{message.subject}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
