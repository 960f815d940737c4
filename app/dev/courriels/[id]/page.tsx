import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { getOutboxMessage } from '@/lib/mail';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Courriel envoyé', robots: { index: false, follow: false } };

const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeStyle: 'medium', timeZone: 'Europe/Paris' });
const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
// Trailing punctuation belongs to the sentence, not to the link.
const URL_PATTERN = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)»]/g;

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} octets`;
  if (bytes < 1024 * 1024) return `${numberFormat.format(bytes / 1024)} Ko`;
  return `${numberFormat.format(bytes / (1024 * 1024))} Mo`;
}

/** Turns the http(s) links of a plain-text body into anchors, so that emailed links can be followed. */
function linkifyText(text: string): ReactNode[] {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    parts.push(text.slice(last, match.index));
    parts.push(
      <a key={match.index} href={match[0]} className="break-all">
        {match[0]}
      </a>,
    );
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

type Props = { params: Promise<{ id: string }> };

export default async function OutboxMessagePage({ params }: Props) {
  if (!getEnv().showsDevOutbox) notFound();
  const { id } = await params;
  const message = await getOutboxMessage(await getDb(), id);
  if (!message) notFound();

  return (
    <div className="max-w-4xl">
      <p className="mb-4">
        <Link href="/dev/courriels">← Tous les courriels</Link>
      </p>
      <h1 className="mb-6 text-3xl font-bold break-words">{message.subject}</h1>

      <dl className="mb-8 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 bg-surface p-4">
        <dt className="font-bold">De</dt>
        <dd className="break-all">{message.from}</dd>
        <dt className="font-bold">À</dt>
        <dd className="break-all">
          <Link href={`/dev/courriels?to=${encodeURIComponent(message.to)}`}>{message.to}</Link>
        </dd>
        <dt className="font-bold">Date</dt>
        <dd>
          <time dateTime={message.createdAt.toISOString()}>{dateFormat.format(message.createdAt)}</time>
        </dd>
        <dt className="font-bold">Objet</dt>
        <dd className="break-words">{message.subject}</dd>
      </dl>

      <section aria-labelledby="texte" className="mb-8">
        <h2 id="texte" className="mb-2 text-xl font-bold">
          Texte
        </h2>
        <pre className="overflow-x-auto whitespace-pre-wrap break-words border border-line p-4 font-mono text-sm">{linkifyText(message.text)}</pre>
      </section>

      {message.html && (
        <details className="mb-8">
          {/* Shown as source, never rendered: the page must not run markup it did not write. */}
          <summary className="cursor-pointer font-bold">Version HTML (source)</summary>
          <pre className="mt-2 overflow-x-auto whitespace-pre-wrap break-all border border-line p-4 font-mono text-sm">{message.html}</pre>
        </details>
      )}

      <section aria-labelledby="pieces-jointes">
        <h2 id="pieces-jointes" className="mb-2 text-xl font-bold">
          Pièces jointes
        </h2>
        {message.attachments.length === 0 ? (
          <p>Aucune pièce jointe.</p>
        ) : (
          <ul className="list-disc space-y-1 pl-6">
            {message.attachments.map((attachment, index) => (
              <li key={`${index}-${attachment.filename}`}>
                {attachment.filename} <span className="text-ink-soft">({attachment.contentType}, {formatSize(attachment.size)})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
