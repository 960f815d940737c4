// Demo procedures. db/ may not import lib/, so definitions are plain JSON here; the unit test
// tests/unit/procedure-definition.test.ts runs each one through lib/procedures/definition.ts.

export type SeedProcedure = {
  slug: string;
  title: string;
  summary: string;
  /** A key of lib/procedures/categories.ts. */
  category: string;
  definition: Record<string, unknown>;
};

const documentTypes = ['application/pdf', 'image/jpeg', 'image/png'];

const birthCertificate: SeedProcedure = {
  slug: 'acte-de-naissance',
  title: "Demande d'acte de naissance",
  summary:
    "Obtenez une copie intégrale ou un extrait d'acte de naissance, pour vous-même ou pour un proche né dans la commune, par courrier ou au guichet de la mairie.",
  category: 'etat-civil',
  definition: {
    beneficiaries: ['self', 'person'],
    estimatedDuration: '5 minutes',
    requirements: [
      'Les nom, prénoms, date et lieu de naissance de la personne concernée',
      "Les noms et prénoms de ses parents, pour une copie intégrale ou un extrait avec filiation",
      "Une adresse postale, si vous choisissez l'envoi par courrier",
    ],
    processingTime: "Envoi ou mise à disposition sous 10 jours ouvrés",
    steps: [
      {
        key: 'acte',
        title: "L'acte demandé",
        fields: [
          {
            key: 'infoCommune',
            type: 'info',
            label: 'Naissances dans la commune uniquement',
            body: "La mairie ne délivre que les actes des personnes nées dans la commune. Pour une naissance à l'étranger, adressez-vous au Service central d'état civil du ministère des Affaires étrangères.",
          },
          {
            key: 'typeActe',
            type: 'radio',
            label: "Type d'acte",
            hint: "La copie intégrale et l'extrait avec filiation sont réservés à la personne concernée, à ses ascendants, descendants, conjoint ou représentant légal.",
            required: true,
            options: [
              { value: 'copie-integrale', label: 'Copie intégrale' },
              { value: 'extrait-avec-filiation', label: 'Extrait avec filiation' },
              { value: 'extrait-sans-filiation', label: 'Extrait sans filiation' },
            ],
          },
          { key: 'nombreExemplaires', type: 'number', label: "Nombre d'exemplaires", hint: 'De 1 à 3.', required: true, min: 1, max: 3, integer: true },
          {
            key: 'motif',
            type: 'select',
            label: 'Motif de la demande',
            required: true,
            options: [
              { value: 'identite', label: "Carte d'identité ou passeport" },
              { value: 'mariage-pacs', label: 'Mariage ou PACS' },
              { value: 'nationalite', label: 'Certificat de nationalité française' },
              { value: 'succession', label: 'Succession' },
              { value: 'autre', label: 'Autre motif' },
            ],
          },
          { key: 'motifPrecision', type: 'text', label: 'Précisez le motif', required: true, maxLength: 200, showIf: { field: 'motif', equals: 'autre' } },
        ],
      },
      {
        key: 'personne',
        title: 'La personne concernée',
        description: "Indiquez l'identité telle qu'elle figure sur l'acte de naissance.",
        fields: [
          { key: 'nomNaissance', type: 'text', label: 'Nom de naissance', required: true, prefill: 'beneficiary.birthName' },
          { key: 'prenoms', type: 'text', label: 'Prénoms', hint: "Dans l'ordre de l'état civil, séparés par un espace.", required: true, prefill: 'beneficiary.firstNames' },
          { key: 'dateNaissance', type: 'date', label: 'Date de naissance', required: true, max: 'today', prefill: 'beneficiary.birthDate' },
          { key: 'lieuNaissance', type: 'text', label: 'Lieu de naissance', hint: 'Commune et département.', required: true, prefill: 'beneficiary.birthPlace' },
        ],
      },
      {
        key: 'filiation',
        title: 'Les parents',
        fields: [
          {
            key: 'infoFiliation',
            type: 'info',
            label: 'Filiation facultative',
            body: "Pour un extrait sans filiation, les noms des parents ne sont pas nécessaires : vous pouvez passer à l'étape suivante.",
            showIf: { field: 'typeActe', equals: 'extrait-sans-filiation' },
          },
          { key: 'parent1Nom', type: 'text', label: 'Nom du premier parent', required: true, showIf: { field: 'typeActe', in: ['copie-integrale', 'extrait-avec-filiation'] } },
          { key: 'parent1Prenoms', type: 'text', label: 'Prénoms du premier parent', required: true, showIf: { field: 'typeActe', in: ['copie-integrale', 'extrait-avec-filiation'] } },
          { key: 'parent2Nom', type: 'text', label: 'Nom du second parent', hint: 'Si la filiation est établie à son égard.', showIf: { field: 'typeActe', in: ['copie-integrale', 'extrait-avec-filiation'] } },
          { key: 'parent2Prenoms', type: 'text', label: 'Prénoms du second parent', showIf: { field: 'typeActe', in: ['copie-integrale', 'extrait-avec-filiation'] } },
        ],
      },
      {
        key: 'reception',
        title: "Réception de l'acte",
        fields: [
          {
            key: 'modeReception',
            type: 'radio',
            label: 'Comment souhaitez-vous recevoir l’acte ?',
            required: true,
            options: [
              { value: 'courrier', label: 'Par courrier, à domicile' },
              { value: 'guichet', label: 'Retrait au guichet de la mairie' },
            ],
          },
          {
            key: 'adresseEnvoi',
            type: 'address',
            label: "Adresse d'envoi",
            hint: "L'acte est envoyé gratuitement, sous pli simple.",
            required: true,
            prefill: 'profile.address',
            showIf: { field: 'modeReception', equals: 'courrier' },
          },
          {
            key: 'infoGuichet',
            type: 'info',
            label: 'Retrait au guichet',
            body: "Une notification vous préviendra dès que l'acte sera prêt. Présentez-vous muni d'une pièce d'identité.",
            showIf: { field: 'modeReception', equals: 'guichet' },
          },
        ],
      },
    ],
    statuses: [
      { key: 'recue', label: 'Demande reçue', tone: 'info' },
      { key: 'en-traitement', label: 'En cours de traitement', tone: 'progress' },
      { key: 'complement', label: 'Informations complémentaires demandées', tone: 'warning', description: 'Consultez le message de la mairie et répondez-y depuis votre demande.' },
      { key: 'envoye', label: 'Acte envoyé par courrier', tone: 'success', final: true },
      { key: 'disponible', label: 'Acte disponible en mairie', tone: 'success', final: true },
      { key: 'refusee', label: 'Demande refusée', tone: 'error', final: true },
    ],
  },
};

const schoolCanteen: SeedProcedure = {
  slug: 'inscription-cantine',
  title: 'Inscription à la restauration scolaire',
  summary: "Inscrivez votre enfant à la cantine de son école : jours de fréquentation, régime alimentaire, allergies et projet d'accueil individualisé.",
  category: 'education',
  definition: {
    beneficiaries: ['person'],
    personSubtypes: ['child'],
    estimatedDuration: '10 minutes',
    requirements: [
      'Un justificatif de domicile de moins de 3 mois',
      "L'école et la classe de votre enfant à la rentrée",
      "Le cas échéant, le projet d'accueil individualisé (PAI) de votre enfant",
    ],
    processingTime: 'Réponse sous 15 jours',
    steps: [
      {
        key: 'enfant',
        title: "L'enfant",
        fields: [
          { key: 'nomEnfant', type: 'text', label: "Nom de l'enfant", required: true, prefill: 'beneficiary.lastName' },
          { key: 'prenomsEnfant', type: 'text', label: "Prénoms de l'enfant", required: true, prefill: 'beneficiary.firstNames' },
          { key: 'dateNaissanceEnfant', type: 'date', label: 'Date de naissance', required: true, max: 'today', prefill: 'beneficiary.birthDate' },
          {
            key: 'ecole',
            type: 'select',
            label: 'École',
            required: true,
            options: [
              { value: 'les-tilleuls', label: 'École maternelle Les Tilleuls' },
              { value: 'jules-ferry', label: 'École élémentaire Jules-Ferry' },
              { value: 'marie-curie', label: 'École élémentaire Marie-Curie' },
              { value: 'jean-moulin', label: 'Groupe scolaire Jean-Moulin' },
            ],
          },
          {
            key: 'classe',
            type: 'select',
            label: 'Classe à la rentrée',
            required: true,
            options: ['PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2'].map((c) => ({ value: c.toLowerCase(), label: c })),
          },
        ],
      },
      {
        key: 'frequentation',
        title: 'Jours de fréquentation',
        fields: [
          {
            key: 'jours',
            type: 'checkboxes',
            label: 'Jours de repas à la cantine',
            hint: "Vous pourrez modifier ces jours en cours d'année, au plus tard le jeudi pour la semaine suivante.",
            required: true,
            options: [
              { value: 'lundi', label: 'Lundi' },
              { value: 'mardi', label: 'Mardi' },
              { value: 'jeudi', label: 'Jeudi' },
              { value: 'vendredi', label: 'Vendredi' },
            ],
          },
          { key: 'dateDebut', type: 'date', label: 'À partir du', required: true, min: 'today' },
        ],
      },
      {
        key: 'alimentation',
        title: 'Régime alimentaire',
        fields: [
          {
            key: 'regime',
            type: 'radio',
            label: 'Régime alimentaire',
            required: true,
            options: [
              { value: 'standard', label: 'Menu standard' },
              { value: 'sans-porc', label: 'Menu sans porc' },
              { value: 'vegetarien', label: 'Menu végétarien' },
              { value: 'allergies', label: 'Allergie ou intolérance alimentaire' },
            ],
          },
          {
            key: 'allergies',
            type: 'textarea',
            label: 'Allergies ou intolérances',
            hint: 'Aliments concernés et réactions connues.',
            required: true,
            maxLength: 1000,
            showIf: { field: 'regime', equals: 'allergies' },
          },
          {
            key: 'pai',
            type: 'yesno',
            label: "Votre enfant a-t-il un projet d'accueil individualisé (PAI) ?",
            required: true,
            showIf: { field: 'regime', equals: 'allergies' },
          },
          {
            key: 'infoPai',
            type: 'info',
            label: 'Transmettre le PAI',
            body: "Le PAI, signé par le médecin scolaire, doit être remis à la direction de l'école avant le premier repas.",
            showIf: { field: 'pai', equals: true },
          },
        ],
      },
      {
        key: 'responsable',
        title: 'Responsable légal',
        fields: [
          { key: 'nomResponsable', type: 'text', label: 'Nom', required: true, prefill: 'profile.lastName' },
          { key: 'prenomsResponsable', type: 'text', label: 'Prénoms', required: true, prefill: 'profile.firstNames' },
          { key: 'telephoneResponsable', type: 'tel', label: 'Téléphone', hint: "Pour vous joindre en cas d'urgence pendant le repas.", required: true, prefill: 'profile.phone' },
          { key: 'courrielResponsable', type: 'email', label: 'Adresse de courriel', required: true, prefill: 'profile.email' },
          { key: 'adresseResponsable', type: 'address', label: 'Adresse', required: true, prefill: 'profile.address' },
        ],
      },
      {
        key: 'justificatifs',
        title: 'Justificatifs',
        fields: [
          {
            key: 'justificatifDomicile',
            type: 'file',
            label: 'Justificatif de domicile',
            hint: "Facture d'énergie, d'eau ou d'internet, quittance de loyer ou avis d'imposition de moins de 3 mois. PDF, JPEG ou PNG, 5 Mo au maximum.",
            required: true,
            accept: documentTypes,
            maxSizeMb: 5,
            maxAgeMonths: 3,
          },
          {
            key: 'attestationQuotient',
            type: 'file',
            label: 'Attestation de quotient familial',
            hint: 'Délivrée par la CAF ou la MSA. Sans attestation, le tarif le plus élevé s’applique.',
            accept: documentTypes,
            maxSizeMb: 5,
          },
        ],
      },
    ],
    statuses: [
      { key: 'recue', label: 'Inscription reçue', tone: 'info' },
      { key: 'verification', label: 'En cours de vérification', tone: 'progress' },
      { key: 'piece-manquante', label: 'Pièce justificative manquante', tone: 'warning' },
      { key: 'liste-attente', label: "Sur liste d'attente", tone: 'warning' },
      { key: 'validee', label: 'Inscription validée', tone: 'success', final: true },
      { key: 'refusee', label: 'Inscription refusée', tone: 'error', final: true },
    ],
  },
};

const associationGrant: SeedProcedure = {
  slug: 'subvention-association',
  title: 'Demande de subvention pour une association',
  summary: 'Sollicitez une aide financière de la commune pour le fonctionnement de votre association ou pour un projet d’intérêt local.',
  category: 'associations',
  definition: {
    beneficiaries: ['organisation'],
    estimatedDuration: '20 minutes',
    requirements: [
      "Le numéro SIRET de l'association",
      'Le budget prévisionnel du projet',
      "Un relevé d'identité bancaire (RIB) au nom de l'association",
      "Les derniers comptes approuvés et le rapport d'activité",
    ],
    processingTime: 'Décision après passage en commission, sous 2 à 3 mois',
    steps: [
      {
        key: 'association',
        title: "L'association",
        fields: [
          { key: 'nomAssociation', type: 'text', label: "Nom de l'association", required: true, prefill: 'beneficiary.legalName' },
          { key: 'siret', type: 'siret', label: 'Numéro SIRET', hint: '14 chiffres, sans espace.', required: true, prefill: 'beneficiary.siret' },
          { key: 'adresseSiege', type: 'address', label: 'Adresse du siège', required: true, prefill: 'beneficiary.address' },
          { key: 'nombreAdherents', type: 'number', label: "Nombre d'adhérents", min: 0, integer: true },
        ],
      },
      {
        key: 'projet',
        title: 'Le projet',
        fields: [
          { key: 'intituleProjet', type: 'text', label: 'Intitulé du projet', required: true, maxLength: 150 },
          {
            key: 'objetProjet',
            type: 'textarea',
            label: 'Objet du projet',
            hint: 'Objectifs, actions prévues, lieux et partenaires.',
            required: true,
            minLength: 50,
            maxLength: 3000,
          },
          {
            key: 'publicVise',
            type: 'checkboxes',
            label: 'Public visé',
            required: true,
            options: [
              { value: 'enfants', label: 'Enfants (moins de 12 ans)' },
              { value: 'jeunes', label: 'Jeunes (12 à 25 ans)' },
              { value: 'adultes', label: 'Adultes' },
              { value: 'seniors', label: 'Seniors' },
              { value: 'handicap', label: 'Personnes en situation de handicap' },
              { value: 'tout-public', label: 'Tout public' },
            ],
          },
          { key: 'dateDebut', type: 'date', label: 'Date de début du projet', required: true, min: 'today' },
          { key: 'dateFin', type: 'date', label: 'Date de fin prévue', min: 'today' },
        ],
      },
      {
        key: 'financement',
        title: 'Le financement',
        fields: [
          { key: 'montantDemande', type: 'number', label: 'Montant demandé (en euros)', hint: 'Montant entier, sans centimes.', required: true, min: 1, integer: true },
          {
            key: 'budgetPrevisionnel',
            type: 'file',
            label: 'Budget prévisionnel du projet',
            hint: 'Dépenses et recettes, y compris les autres financements attendus. PDF, 10 Mo au maximum.',
            required: true,
            accept: ['application/pdf'],
            maxSizeMb: 10,
          },
          { key: 'autresFinanceurs', type: 'yesno', label: "Avez-vous sollicité d'autres financeurs ?", required: true },
          {
            key: 'autresFinanceursDetail',
            type: 'textarea',
            label: 'Lesquels, et pour quels montants ?',
            required: true,
            maxLength: 1000,
            showIf: { field: 'autresFinanceurs', equals: true },
          },
        ],
      },
      {
        key: 'pieces',
        title: 'Pièces complémentaires',
        fields: [
          { key: 'ibanAssociation', type: 'iban', label: "IBAN du compte de l'association", hint: 'Celui du RIB joint ci-dessous : la subvention y sera versée.' },
          { key: 'rib', type: 'file', label: "Relevé d'identité bancaire (RIB)", required: true, accept: documentTypes, maxSizeMb: 5 },
          {
            key: 'comptesRapport',
            type: 'file',
            label: "Derniers comptes approuvés et rapport d'activité",
            hint: 'Vous pouvez joindre plusieurs fichiers.',
            accept: ['application/pdf'],
            maxSizeMb: 10,
            multiple: true,
          },
        ],
      },
    ],
    statuses: [
      { key: 'deposee', label: 'Demande déposée', tone: 'info' },
      { key: 'instruction', label: "En cours d'instruction", tone: 'progress' },
      { key: 'complements', label: 'Compléments demandés', tone: 'warning' },
      { key: 'commission', label: 'Examen en commission', tone: 'progress', description: 'La commission vie associative se réunit chaque trimestre.' },
      { key: 'accordee', label: 'Subvention accordée', tone: 'success', final: true },
      { key: 'refusee', label: 'Subvention refusée', tone: 'error', final: true },
    ],
  },
};

const streetReport: SeedProcedure = {
  slug: 'signalement-voirie',
  title: 'Signaler un problème sur la voie publique',
  summary:
    'Nid-de-poule, éclairage public en panne, dépôt sauvage, panneau abîmé : signalez-le aux services techniques, pour la sécurité et le confort de tous.',
  category: 'voirie',
  definition: {
    beneficiaries: ['self'],
    estimatedDuration: '3 minutes',
    requirements: ["L'adresse ou une description précise du lieu", 'Une photo, si possible'],
    processingTime: 'Prise en compte sous 2 jours ouvrés ; intervention selon l’urgence',
    steps: [
      {
        key: 'probleme',
        title: 'Le problème',
        fields: [
          {
            key: 'infoUrgence',
            type: 'info',
            label: 'Danger immédiat ?',
            body: 'En cas de danger immédiat pour les personnes (chaussée effondrée, câble électrique à terre), appelez le 112.',
          },
          {
            key: 'typeProbleme',
            type: 'radio',
            label: 'Type de problème',
            required: true,
            options: [
              { value: 'nid-de-poule', label: 'Nid-de-poule ou chaussée dégradée' },
              { value: 'eclairage', label: 'Éclairage public en panne' },
              { value: 'depot-sauvage', label: 'Dépôt sauvage de déchets' },
              { value: 'signalisation', label: 'Signalisation abîmée ou manquante' },
              { value: 'autre', label: 'Autre problème' },
            ],
          },
          { key: 'typePrecision', type: 'text', label: 'Précisez', required: true, maxLength: 150, showIf: { field: 'typeProbleme', equals: 'autre' } },
        ],
      },
      {
        key: 'lieu',
        title: 'Le lieu et la description',
        fields: [
          { key: 'lieu', type: 'text', label: 'Adresse ou lieu', hint: "Par exemple : 14 avenue de la République, devant l'arrêt de bus « Mairie ».", required: true, maxLength: 300 },
          { key: 'description', type: 'textarea', label: 'Description', hint: 'Ce que vous avez constaté, depuis quand, et tout détail utile aux agents.', required: true, maxLength: 2000 },
        ],
      },
      {
        key: 'photo',
        title: 'Photo',
        fields: [
          { key: 'photo', type: 'file', label: 'Photo', hint: 'JPEG ou PNG, 10 Mo au maximum.', accept: ['image/jpeg', 'image/png'], maxSizeMb: 10 },
        ],
      },
      {
        key: 'contact',
        title: 'Être recontacté',
        fields: [
          { key: 'recontact', type: 'yesno', label: 'Souhaitez-vous être recontacté par les services techniques ?', required: true },
          { key: 'telephone', type: 'tel', label: 'Téléphone', required: true, prefill: 'profile.phone', showIf: { field: 'recontact', equals: true } },
        ],
      },
    ],
    statuses: [
      { key: 'recu', label: 'Signalement reçu', tone: 'info' },
      { key: 'transmis', label: 'Transmis aux services techniques', tone: 'progress' },
      { key: 'intervention', label: 'Intervention programmée', tone: 'progress' },
      { key: 'resolu', label: 'Problème résolu', tone: 'success', final: true },
      { key: 'classe', label: 'Classé sans suite', tone: 'warning', final: true, description: "Le problème n'a pas été constaté ou ne relève pas de la commune." },
    ],
  },
};

export const seedProcedures: SeedProcedure[] = [birthCertificate, schoolCanteen, associationGrant, streetReport];
