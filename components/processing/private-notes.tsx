import { formatDateTime } from '@/lib/common/dates';
import type { FormAction } from '@/components/forms/form-state';
import type { PrivateNote } from '@/lib/processing/notes';
import { PrivateNoteForm } from './private-note-form';

// The agents' private notes on a dossier, with the form to add one. Back office only: no
// citizen-facing page renders this component.

type Props = { notes: PrivateNote[]; action: FormAction; dossierId: string; documentTitle: string };

export function PrivateNotes({ notes, action, dossierId, documentTitle }: Props) {
  return (
    <section id="notes" aria-labelledby="notes-title" className="mt-10">
      <h2 id="notes-title" className="mb-2 text-2xl font-bold">
        Notes internes
      </h2>
      <p className="mb-4 text-ink-muted">Réservées aux agents : jamais montrées à l’usager.</p>
      {notes.length === 0 ? (
        <p className="mb-6">Aucune note interne pour le moment.</p>
      ) : (
        <ol className="mb-6 space-y-4">
          {notes.map((note) => (
            <li key={note.id} className="border-l-4 border-line bg-surface p-4">
              <p className="text-sm text-ink-muted">
                <span className="font-medium text-ink">{note.author}</span>, le <time dateTime={note.at.toISOString()}>{formatDateTime(note.at)}</time>
              </p>
              <p className="mt-1 whitespace-pre-line break-words">{note.body}</p>
            </li>
          ))}
        </ol>
      )}
      <PrivateNoteForm action={action} dossierId={dossierId} documentTitle={documentTitle} />
    </section>
  );
}
