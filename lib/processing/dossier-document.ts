import { formatDateTime } from '@/lib/common/dates';
import type { AttachmentView, ThreadMessage, TimelineEntry } from '@/lib/dossiers/follow-up';
import type { AnswerSection } from '@/lib/dossiers/submitted';

// The whole-dossier PDF of the back office as a document model: what the PDF says, in order,
// before any layout. Pure (unit-tested): the renderer (dossier-pdf.ts) only lays these blocks out.
// Private notes are NOT part of it, on purpose (decision 023): the PDF is a document that can
// leave the back office (sent to another service, or handed to the citizen on request).

export type DocumentBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'fact'; label: string; value: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'muted'; text: string };

export type DossierDocument = { title: string; subject: string; portalName: string; footer: string; blocks: DocumentBlock[] };

/** What the model needs of a dossier: a subset of the back office view (BackOfficeDossierView). */
export type DossierForDocument = {
  number: string;
  procedureTitle: string;
  status: { label: string };
  submittedAt: Date;
  filedBy: string;
  beneficiaryLabel: string;
  answers: AnswerSection[];
  timeline: TimelineEntry[];
  thread: ThreadMessage[];
  supporting: AttachmentView[];
  responses: AttachmentView[];
};

// The agent's wording of the timeline, as on the dossier page (components/dossiers/follow-up.tsx).
export function describeEventForAgents(entry: TimelineEntry): string {
  switch (entry.kind) {
    case 'submitted':
      return `Demande déposée par l’usager — statut : ${entry.statusLabel ?? ''}`;
    case 'status_changed':
      return `Nouveau statut : ${entry.statusLabel ?? ''}`;
    case 'agent_message':
      return 'Message envoyé à l’usager';
    case 'citizen_message':
      return 'Message de l’usager';
    case 'response_published':
      return 'Réponse de l’administration mise à disposition';
    case 'completion_requested':
      return 'Complément demandé à l’usager';
    case 'completion_answered':
      return 'L’usager a envoyé le complément demandé';
    case 'completion_withdrawn':
      return 'Demande de complément retirée';
  }
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} octets`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} Ko`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} Mo`;
}

function fileBlocks(title: string, files: AttachmentView[], empty: string): DocumentBlock[] {
  if (files.length === 0) return [{ kind: 'heading', text: title }, { kind: 'muted', text: empty }];
  return [
    { kind: 'heading', text: title },
    ...files.map((file): DocumentBlock => ({ kind: 'paragraph', text: `${file.filename} — ${formatSize(file.sizeBytes)}, ajouté le ${formatDateTime(file.at)}` })),
  ];
}

export function buildDossierDocument(dossier: DossierForDocument, options: { portalName: string; exportedAt: Date }): DossierDocument {
  const blocks: DocumentBlock[] = [
    { kind: 'fact', label: 'Démarche', value: dossier.procedureTitle },
    { kind: 'fact', label: 'Statut actuel', value: dossier.status.label },
    { kind: 'fact', label: 'Déposé le', value: `${formatDateTime(dossier.submittedAt)} (heure de Paris)` },
    { kind: 'fact', label: 'Déposé par', value: dossier.filedBy },
    { kind: 'fact', label: 'Bénéficiaire', value: dossier.beneficiaryLabel },
    { kind: 'fact', label: 'Document établi le', value: `${formatDateTime(options.exportedAt)} (heure de Paris)` },
    { kind: 'heading', text: 'Réponses au formulaire' },
  ];
  if (dossier.answers.length === 0) blocks.push({ kind: 'muted', text: 'Aucune réponse enregistrée.' });
  for (const section of dossier.answers) {
    blocks.push({ kind: 'subheading', text: section.title });
    for (const item of section.items) blocks.push({ kind: 'fact', label: item.label, value: item.value || '—' });
  }
  blocks.push(...fileBlocks('Pièces justificatives', dossier.supporting, 'Aucune pièce justificative n’a été jointe.'));
  blocks.push(...fileBlocks('Réponses de l’administration', dossier.responses, 'Aucune réponse publiée.'));
  blocks.push({ kind: 'heading', text: 'Suivi du dossier' });
  for (const entry of dossier.timeline) {
    blocks.push({ kind: 'subheading', text: describeEventForAgents(entry) });
    blocks.push({ kind: 'muted', text: formatDateTime(entry.at) });
    if (entry.note) blocks.push({ kind: 'paragraph', text: `${entry.kind === 'response_published' ? 'Note' : 'Commentaire'} : ${entry.note}` });
  }
  blocks.push({ kind: 'heading', text: 'Messages' });
  if (dossier.thread.length === 0) blocks.push({ kind: 'muted', text: 'Aucun message échangé.' });
  for (const message of dossier.thread) {
    blocks.push({ kind: 'subheading', text: `${message.author === 'agent' ? 'Agent' : 'L’usager'} — ${formatDateTime(message.at)}` });
    blocks.push({ kind: 'paragraph', text: message.body });
  }
  return {
    title: `Dossier n° ${dossier.number}`,
    subject: dossier.procedureTitle,
    portalName: options.portalName,
    footer: `Dossier n° ${dossier.number} — document établi pour le traitement par l’administration`,
    blocks,
  };
}

/** Every text of the document, in order (tests, and a quick look at what the PDF says). */
export function documentText(document: DossierDocument): string[] {
  return [
    document.portalName,
    document.title,
    ...document.blocks.map((block) => (block.kind === 'fact' ? `${block.label} : ${block.value}` : block.text)),
    document.footer,
  ];
}

export function dossierPdfFilename(number: string): string {
  return `dossier-${number}.pdf`;
}
