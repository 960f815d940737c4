import type { MailMessage } from '@/lib/mail';

// Account-security emails: always sent, whatever the notification preferences.
// Links are built from the configured public origin. No password ever travels by email.

type Base = { to: string; origin: string; portalName: string };

function compose(base: Base, subject: string, paragraphs: string[]): MailMessage {
  const signature = `—\n${base.portalName}\n${base.origin}\nCe message est envoyé automatiquement, merci de ne pas y répondre.`;
  return { to: base.to, subject: `${subject} — ${base.portalName}`, text: [...paragraphs, signature].join('\n\n') };
}

export function confirmSignupEmail(base: Base, token: string): MailMessage {
  return compose(base, 'Confirmez la création de votre compte', [
    'Bonjour,',
    'Pour activer votre compte, ouvrez ce lien (valable 24 heures) :',
    `${base.origin}/confirmer/${token}`,
    'Si vous n’avez pas demandé la création d’un compte, ignorez ce message : aucun compte ne sera activé.',
  ]);
}

export function alreadyRegisteredEmail(base: Base): MailMessage {
  return compose(base, 'Tentative de création de compte', [
    'Bonjour,',
    'Quelqu’un a demandé à créer un compte avec cette adresse de courriel. Vous avez déjà un compte avec cette adresse : inutile d’en créer un autre.',
    `Connectez-vous : ${base.origin}/connexion`,
    `Mot de passe oublié ? Choisissez-en un nouveau : ${base.origin}/mot-de-passe-oublie`,
    'Si ce n’est pas vous, ignorez ce message : votre compte n’a pas été modifié.',
  ]);
}

export function resetPasswordEmail(base: Base, token: string): MailMessage {
  return compose(base, 'Réinitialisez votre mot de passe', [
    'Bonjour,',
    'Vous avez demandé à réinitialiser votre mot de passe. Ouvrez ce lien pour en choisir un nouveau. Il est valable une heure et ne sert qu’une fois :',
    `${base.origin}/reinitialiser/${token}`,
    'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.',
  ]);
}

export function passwordChangedEmail(base: Base): MailMessage {
  return compose(base, 'Votre mot de passe a été modifié', [
    'Bonjour,',
    'Le mot de passe de votre compte vient d’être modifié. Vos autres sessions ont été fermées.',
    `Si vous n’êtes pas à l’origine de ce changement, réinitialisez immédiatement votre mot de passe : ${base.origin}/mot-de-passe-oublie`,
  ]);
}

export function confirmEmailChangeEmail(base: Base, token: string): MailMessage {
  return compose(base, 'Confirmez votre nouvelle adresse de courriel', [
    'Bonjour,',
    'Vous avez demandé à utiliser cette adresse pour vous connecter. Ouvrez ce lien (valable 24 heures) pour confirmer le changement :',
    `${base.origin}/confirmer/${token}`,
    'Tant que ce lien n’est pas ouvert, votre ancienne adresse reste votre identifiant.',
  ]);
}

export function emailAlreadyUsedEmail(base: Base): MailMessage {
  return compose(base, 'Changement d’adresse de courriel impossible', [
    'Bonjour,',
    'Quelqu’un a demandé à utiliser cette adresse comme identifiant, mais elle est déjà associée à un compte. Aucun changement n’a été fait.',
  ]);
}

export function emailChangedNoticeEmail(base: Base, newEmail: string): MailMessage {
  const masked = newEmail.replace(/^(.).*(@.*)$/, '$1•••$2');
  return compose(base, 'Votre identifiant de connexion a changé', [
    'Bonjour,',
    `Votre adresse de connexion a été remplacée par ${masked}. Cette adresse-ci ne permet plus de vous connecter.`,
    'Si vous n’êtes pas à l’origine de ce changement, contactez sans attendre l’administration qui gère ce portail.',
  ]);
}

export function accountDeletedEmail(base: Base): MailMessage {
  return compose(base, 'Votre compte a été supprimé', [
    'Bonjour,',
    'Votre compte a été supprimé définitivement, avec vos relations, vos brouillons, vos demandes et les documents de votre porte-documents.',
    'Ce message est le dernier que vous recevrez de notre part.',
  ]);
}
