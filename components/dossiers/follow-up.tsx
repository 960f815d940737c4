import type { ReactNode } from 'react';
import { formatDateTime } from '@/lib/common/dates';
import type { TimelineEntry, ThreadMessage } from '@/lib/dossiers/follow-up';
import type { AnswerSection } from '@/lib/dossiers/submitted';

// What happened to a request, shown to the citizen ("Ma demande") and to agents (back office).
// Server components; the wording depends on who reads it.

export type Reader = 'citizen' | 'agent';

export type TimelineItem = TimelineEntry;
export type ThreadItem = ThreadMessage;
export type FileItem = { id: string; filename: string; mimeType: string; sizeBytes: number; at: Date };

function describe(item: TimelineItem, reader: Reader): string {
  switch (item.kind) {
    case 'submitted':
      return reader === 'citizen' ? `Demande déposée — statut : ${item.statusLabel}` : `Demande déposée par l’usager — statut : ${item.statusLabel}`;
    case 'status_changed':
      return `Nouveau statut : ${item.statusLabel}`;
    case 'agent_message':
      return reader === 'citizen' ? 'Message de l’administration' : 'Message envoyé à l’usager';
    case 'citizen_message':
      return reader === 'citizen' ? 'Votre message à l’administration' : 'Message de l’usager';
    case 'response_published':
      return 'Réponse de l’administration mise à disposition';
    case 'completion_requested':
      return reader === 'citizen' ? 'L’administration vous demande un complément' : 'Complément demandé à l’usager';
    case 'completion_answered':
      return reader === 'citizen' ? 'Vous avez envoyé le complément demandé' : 'L’usager a envoyé le complément demandé';
    case 'completion_withdrawn':
      return reader === 'citizen' ? 'L’administration a retiré sa demande de complément' : 'Demande de complément retirée';
  }
}

export function Timeline({ items, reader }: { items: TimelineItem[]; reader: Reader }) {
  // Newest first: what the reader wants to know is what happened last.
  const ordered = [...items].reverse();
  return (
    <ol className="border-l-4 border-line pl-4">
      {ordered.map((item) => (
        <li key={item.id} className="relative mb-5 last:mb-0">
          <p className="font-bold">{describe(item, reader)}</p>
          <p className="text-sm text-ink-muted">
            <time dateTime={item.at.toISOString()}>{formatDateTime(item.at)}</time>
          </p>
          {item.note ? (
            <p className="mt-1 whitespace-pre-line break-words">
              <span className="font-medium">{item.kind === 'response_published' ? 'Note : ' : 'Commentaire : '}</span>
              {item.note}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

export function MessageThread({ messages, reader, empty, hrefOf }: { messages: ThreadItem[]; reader: Reader; empty: ReactNode; hrefOf?: (attachmentId: string) => string }) {
  if (messages.length === 0) return <p className="mb-6">{empty}</p>;
  const authorLabel = (author: ThreadItem['author']) =>
    reader === 'citizen' ? (author === 'agent' ? 'L’administration' : 'Vous') : author === 'agent' ? 'Agent' : 'L’usager';
  return (
    <ol className="mb-6 space-y-4">
      {messages.map((message) => (
        <li key={message.id} className={['border-l-4 p-4', message.author === 'agent' ? 'border-primary bg-primary-tint' : 'border-line bg-surface'].join(' ')}>
          <p className="text-sm">
            <span className="font-bold">{authorLabel(message.author)}</span>
            <span className="text-ink-muted">
              {' — '}
              <time dateTime={message.at.toISOString()}>{formatDateTime(message.at)}</time>
            </span>
          </p>
          <p className="mt-2 whitespace-pre-line break-words">{message.body}</p>
          {message.files.length && hrefOf ? (
            <ul className="mt-2">
              {message.files.map((file) => (
                <li key={file.id}>
                  <a href={hrefOf(file.id)} download className="break-words font-medium">
                    Télécharger « {file.filename} »<span className="font-normal"> ({typeLabel(file.mimeType)}, {formatSize(file.sizeBytes)})</span>
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

const sizeFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} octets`;
  if (bytes < 1024 * 1024) return `${sizeFormat.format(bytes / 1024)} Ko`;
  return `${sizeFormat.format(bytes / (1024 * 1024))} Mo`;
}

function typeLabel(mimeType: string): string {
  if (mimeType === 'application/pdf') return 'PDF';
  if (mimeType === 'image/jpeg') return 'JPEG';
  if (mimeType === 'image/png') return 'PNG';
  return mimeType;
}

/** Files as download links (the routes run the guards and answer with an attachment). */
export function FileList({ files, hrefOf, empty }: { files: FileItem[]; hrefOf: (id: string) => string; empty: ReactNode }) {
  if (files.length === 0) return <p className="mb-6">{empty}</p>;
  return (
    <ul className="mb-6 divide-y divide-line border-y border-line">
      {files.map((file) => (
        <li key={file.id} className="py-3">
          <a href={hrefOf(file.id)} download className="break-words font-medium">
            Télécharger « {file.filename} »
            <span className="font-normal">
              {' '}
              ({typeLabel(file.mimeType)}, {formatSize(file.sizeBytes)})
            </span>
          </a>
          <p className="text-sm text-ink-muted">
            Ajouté le <time dateTime={file.at.toISOString()}>{formatDateTime(file.at)}</time>
          </p>
        </li>
      ))}
    </ul>
  );
}

/** The frozen answers of a submitted dossier, step by step, as the citizen and the agent read them. */
export function AnswerSections({ sections }: { sections: AnswerSection[] }) {
  return sections.map((section) => (
    <section key={section.stepKey} aria-labelledby={`etape-${section.stepKey}`} className="mb-8">
      <h3 id={`etape-${section.stepKey}`} className="mb-2 text-xl font-bold">
        {section.title}
      </h3>
      <dl className="divide-y divide-line border-y border-line">
        {section.items.map((item) => (
          <div key={item.key} className="grid gap-x-4 gap-y-1 py-3 sm:grid-cols-[14rem_minmax(0,1fr)]">
            <dt className="font-medium">{item.label}</dt>
            <dd className="whitespace-pre-line break-words">{item.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  ));
}
