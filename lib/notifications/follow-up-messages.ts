import type { MailMessage } from '@/lib/mail';

// What the citizen is told when an agent acts on their dossier: the in-portal notification and,
// when their preferences allow it, the email. Pure module.
//
// The emails say what happened and link to the request; they never carry the agent's message,
// the status comment or the response itself. Email is not a confidential channel (forwarded,
// read on shared or lost devices, kept by providers), and these texts may hold personal or
// sensitive data (health, income, family). The portal, behind the citizen's sign-in, is where
// they are read. The FAQ promises an email "indiquant comment récupérer la réponse", not the response.

export type FollowUpDossier = { id: string; number: string; procedureTitle: string };

export type FollowUpEvent =
  | { kind: 'status_change'; statusLabel: string; hasComment: boolean }
  | { kind: 'message' }
  | { kind: 'response' }
  /** "À compléter": documents or a correction asked, due on a day (French words, e.g. "15 janvier 2027"). */
  | { kind: 'completion_request'; dueLabel: string }
  /** The request was withdrawn by the administration: nothing more to send for it. */
  | { kind: 'completion_withdrawn' };

export function dossierPath(dossierId: string): string {
  return `/demandes/${dossierId}`;
}

/** The notification row shown on /notifications (and counted in the header). */
export function followUpNotification(dossier: FollowUpDossier, event: FollowUpEvent): { title: string; body: string; link: string } {
  const link = dossierPath(dossier.id);
  const about = `Demande n° ${dossier.number} — ${dossier.procedureTitle}`;
  switch (event.kind) {
    case 'status_change':
      return {
        title: `Nouveau statut : ${event.statusLabel}`,
        body: event.hasComment ? `${about}. L’administration a ajouté un commentaire.` : `${about}.`,
        link,
      };
    case 'message':
      return { title: 'Nouveau message de l’administration', body: `${about}. Vous pouvez lire le message et y répondre.`, link: `${link}#messages` };
    case 'response':
      return { title: 'Réponse de l’administration disponible', body: `${about}. Vous pouvez télécharger la réponse.`, link: `${link}#reponse` };
    case 'completion_request':
      return { title: 'Votre demande est à compléter', body: `${about}. L’administration vous demande un complément avant le ${event.dueLabel}.`, link: `${link}#a-completer` };
    case 'completion_withdrawn':
      return { title: 'Demande de complément retirée', body: `${about}. L’administration a retiré sa demande de complément : vous n’avez plus rien à envoyer pour celle-ci.`, link: `${link}#a-completer` };
  }
}

export type FollowUpEmailInput = { to: string; origin: string; portalName: string; dossier: FollowUpDossier; event: FollowUpEvent };

export function followUpEmail({ to, origin, portalName, dossier, event }: FollowUpEmailInput): MailMessage {
  const url = `${origin}${dossierPath(dossier.id)}`;
  const about = `votre demande « ${dossier.procedureTitle} » (n° ${dossier.number})`;
  let subject: string;
  let body: string[];
  switch (event.kind) {
    case 'status_change':
      subject = `Votre demande n° ${dossier.number} : ${event.statusLabel}`;
      body = [
        `Le statut de ${about} a changé. Nouveau statut : ${event.statusLabel}.`,
        event.hasComment ? 'L’administration a ajouté un commentaire, que vous pouvez lire sur le portail.' : null,
        `Pour suivre votre demande, connectez-vous au portail : ${url}`,
      ].filter((line): line is string => line !== null);
      break;
    case 'message':
      subject = `Nouveau message au sujet de votre demande n° ${dossier.number}`;
      body = [
        `L’administration vous a adressé un message au sujet de ${about}.`,
        'Pour protéger vos informations, le message n’est pas recopié dans ce courriel.',
        `Pour le lire et y répondre, connectez-vous au portail : ${url}`,
      ];
      break;
    case 'response':
      subject = `Réponse disponible pour votre demande n° ${dossier.number}`;
      body = [
        `La réponse de l’administration à ${about} est disponible.`,
        `Pour la télécharger, connectez-vous au portail, puis ouvrez votre demande dans « Mes demandes » : ${url}`,
      ];
      break;
    case 'completion_request':
      subject = `Votre demande n° ${dossier.number} est à compléter`;
      body = [
        `L’administration vous demande un complément (document ou correction) pour ${about}, avant le ${event.dueLabel}.`,
        'Pour protéger vos informations, le détail de la demande n’est pas recopié dans ce courriel.',
        `Pour voir ce qui est demandé et y répondre, connectez-vous au portail : ${url}`,
      ];
      break;
    case 'completion_withdrawn':
      subject = `Votre demande n° ${dossier.number} : demande de complément retirée`;
      body = [
        `L’administration a retiré la demande de complément qu’elle vous avait adressée pour ${about}. Vous n’avez plus rien à envoyer pour celle-ci.`,
        `Pour suivre votre demande, connectez-vous au portail : ${url}`,
      ];
      break;
  }
  const footer = [
    'Vous recevez ce courriel car vous avez choisi d’être prévenu ou prévenue par courriel. Vous pouvez changer ce choix dans « Mon compte », puis « Mes préférences ».',
    `—\n${portalName}\n${origin}\nCe message est envoyé automatiquement, merci de ne pas y répondre.`,
  ];
  return { to, subject: `${subject} — ${portalName}`, text: ['Bonjour,', ...body, ...footer].join('\n\n') };
}
