import type { MailMessage } from '@/lib/mail';
import { formatDateTime } from '@/lib/common/dates';
import { receiptFilename } from './receipt';
import type { SubmittedDossierView } from './submitted';

// The email sent once a dossier is filed, with the receipt attached.

export type ConfirmationEmailInput = {
  to: string;
  origin: string;
  portalName: string;
  dossier: Pick<SubmittedDossierView, 'id' | 'number' | 'submittedAt' | 'procedure' | 'beneficiaryLabel' | 'processingTime'>;
  receipt: Buffer;
};

export function submissionConfirmationEmail({ to, origin, portalName, dossier, receipt }: ConfirmationEmailInput): MailMessage {
  const paragraphs = [
    'Bonjour,',
    `Votre demande « ${dossier.procedure.title} » a bien été déposée le ${formatDateTime(dossier.submittedAt)}.`,
    `Votre numéro de demande : ${dossier.number}\nBénéficiaire : ${dossier.beneficiaryLabel}`,
    [
      'Et maintenant ?',
      'Votre demande va être examinée par l’administration. Vous recevrez une notification à chaque changement de statut.',
      dossier.processingTime ? `Délai indicatif : ${dossier.processingTime}.` : null,
    ]
      .filter(Boolean)
      .join('\n'),
    `Suivez votre demande dans « Mes demandes » : ${origin}/demandes/${dossier.id}`,
    'Le récépissé de dépôt est joint à ce message (PDF). Conservez-le : il atteste du dépôt de votre demande.',
  ];
  const signature = `—\n${portalName}\n${origin}\nCe message est envoyé automatiquement, merci de ne pas y répondre.`;
  return {
    to,
    subject: `Demande déposée n° ${dossier.number} — ${portalName}`,
    text: [...paragraphs, signature].join('\n\n'),
    attachments: [{ filename: receiptFilename(dossier.number), contentType: 'application/pdf', content: receipt }],
  };
}
