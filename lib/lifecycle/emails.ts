import type { MailMessage } from '@/lib/mail';

// Emails of the data lifecycle. Links use the configured public origin.

type Base = { to: string; origin: string; portalName: string };

export function draftDeletionWarningEmail(input: Base & { procedure: string; deletionDay: string; draftId: string }): MailMessage {
  const signature = `—\n${input.portalName}\n${input.origin}\nCe message est envoyé automatiquement, merci de ne pas y répondre.`;
  return {
    to: input.to,
    subject: `Votre brouillon sera supprimé le ${input.deletionDay} — ${input.portalName}`,
    text: [
      'Bonjour,',
      `Votre brouillon de la démarche « ${input.procedure} » n’a pas été modifié depuis longtemps : il sera supprimé le ${input.deletionDay}, avec les pièces que vous y avez jointes.`,
      `Pour le conserver, reprenez-le ici et enregistrez une modification avant cette date : ${input.origin}/brouillons/${input.draftId}/recapitulatif`,
      'Si vous n’en avez plus besoin, vous n’avez rien à faire.',
      signature,
    ].join('\n\n'),
  };
}
