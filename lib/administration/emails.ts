import type { MailMessage } from '@/lib/mail';

// Emails of back-office access: always sent (account security), no password ever travels by email.

type Base = { to: string; origin: string; portalName: string };

function compose(base: Base, subject: string, paragraphs: string[]): MailMessage {
  const signature = `—\n${base.portalName}\n${base.origin}\nCe message est envoyé automatiquement, merci de ne pas y répondre.`;
  return { to: base.to, subject: `${subject} — ${base.portalName}`, text: [...paragraphs, signature].join('\n\n') };
}

export const INVITATION_LIFETIME_SECONDS = 72 * 3600;

export function agentInvitationEmail(base: Base, token: string, roleLabel: string): MailMessage {
  return compose(base, 'Votre accès à l’espace agents', [
    'Bonjour,',
    `Un administrateur du portail vous a ouvert un compte (${roleLabel.toLowerCase()}) pour traiter les demandes des usagers.`,
    'Pour choisir votre mot de passe, ouvrez ce lien. Il est valable 72 heures et ne sert qu’une fois :',
    `${base.origin}/reinitialiser/${token}`,
    `Vous pourrez ensuite vous connecter avec cette adresse de courriel : ${base.origin}/connexion`,
    'Si vous ne vous attendiez pas à ce message, ignorez-le : sans mot de passe choisi, personne ne peut utiliser ce compte.',
  ]);
}

export function agentAccessGrantedEmail(base: Base, roleLabel: string): MailMessage {
  return compose(base, 'Votre accès à l’espace agents', [
    'Bonjour,',
    `Un administrateur du portail vous a donné accès à l’espace agents (${roleLabel.toLowerCase()}). Reconnectez-vous pour y accéder : vos sessions ouvertes ont été fermées.`,
    `${base.origin}/connexion`,
  ]);
}
