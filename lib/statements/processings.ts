import { RETENTION, formatMonths, type RetentionDefaults } from '@/lib/lifecycle/retention-rules';

// The processings of personal data, as /donnees-personnelles lists them. Retention durations come
// from the rules the daily jobs apply (lib/lifecycle), so the page and the data cannot disagree.

export type Processing = { name: string; purpose: string; legalBasis: string; retention: string[]; recipients: string };

const PUBLIC_TASK = 'mission de service public (article 6.1.e du RGPD)';

export function listProcessings(defaults: RetentionDefaults): Processing[] {
  return [
    {
      name: 'Compte et profil',
      purpose: 'créer et gérer votre compte, pré-remplir vos démarches, gérer vos relations',
      legalBasis: PUBLIC_TASK,
      retention: [
        'tant que votre compte existe ; supprimés dès que vous supprimez votre compte ;',
        `un compte dont l’adresse de courriel n’a jamais été confirmée est supprimé après ${RETENTION.unconfirmedAccountDays} jours ;`,
        'les liens envoyés par courriel (confirmation, mot de passe oublié) sont effacés dès leur expiration.',
      ],
      recipients: 'vous seul ; aucun agent n’a accès à votre profil ni à vos relations en dehors des demandes que vous envoyez',
    },
    {
      name: 'Brouillons de démarches',
      purpose: 'enregistrer vos réponses au fur et à mesure, pour que vous repreniez une démarche plus tard',
      legalBasis: PUBLIC_TASK,
      retention: [
        `un brouillon non modifié pendant ${formatMonths(defaults.draftMonths)} (ou la durée indiquée par la démarche) est supprimé avec ses pièces jointes ;`,
        `vous êtes prévenu par courriel ${RETENTION.draftWarningDays} jours avant : il suffit de reprendre le brouillon pour le conserver.`,
      ],
      recipients: 'vous seul : l’administration ne voit jamais vos brouillons',
    },
    {
      name: 'Demandes envoyées',
      purpose: 'transmettre vos demandes aux services compétents, les instruire, vous répondre et vous tenir informé',
      legalBasis: `${PUBLIC_TASK} ; certaines démarches reposent aussi sur une obligation légale, indiquée sur leur page`,
      retention: [
        'pendant leur instruction ;',
        `puis ${formatMonths(defaults.closedDossierMonths)} après la décision finale (ou la durée indiquée par la démarche), avec leurs pièces jointes, messages et réponses ;`,
        'ensuite, seule une trace sans donnée personnelle reste pour les agents : le numéro, la démarche et les dates.',
      ],
      recipients: 'les agents habilités du service chargé de la démarche',
    },
    {
      name: 'Porte-documents',
      purpose: 'conserver les documents que vous y rangez pour les joindre à vos démarches',
      legalBasis: `${PUBLIC_TASK}, à votre demande`,
      retention: [
        'jusqu’à ce que vous supprimiez le document ou votre compte ;',
        'les photos sont enregistrées sans leurs métadonnées (position GPS, appareil).',
      ],
      recipients: 'vous seul : l’administration ne voit que la copie d’un document que vous joignez vous-même à une demande envoyée',
    },
    {
      name: 'Sécurité du portail',
      purpose: 'protéger votre compte et le portail : journal des connexions et des opérations sensibles, limitation des essais',
      legalBasis: `${PUBLIC_TASK} et obligation de sécurité (article 32 du RGPD)`,
      retention: [
        `journal des opérations : ${formatMonths(RETENTION.auditLogMonths)} ;`,
        `compteurs de tentatives (sous forme chiffrée) : ${RETENTION.rateLimitDays} jours après la fin de leur période.`,
      ],
      recipients: 'les administrateurs du portail',
    },
  ];
}
