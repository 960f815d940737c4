import type { AuditAction } from '@/lib/audit';

// French labels of audit events and of their details, for the journal. Pure (unit-tested).
// Every action has one (Record<AuditAction, string>); rows written by an older version with an
// action since removed, and unknown keys, are shown as they are rather than hidden.

export const auditGroupLabels: Record<string, string> = {
  account: 'Comptes des usagers',
  agent: 'Agents et droits',
  procedure: 'Démarches',
  relation: 'Relations',
  dossier: 'Dossiers',
  backoffice: 'Traitement des dossiers',
  locker: 'Porte-documents',
  maintenance: 'Maintenance',
};

export const auditActionLabels: Record<AuditAction, string> = {
  'account.signup': 'Création de compte',
  'account.email_confirmed': 'Adresse de courriel confirmée',
  'account.signin': 'Connexion',
  'account.signin_failed': 'Échec de connexion',
  'account.signin_throttled': 'Connexion ralentie (trop d’essais)',
  'account.second_factor_enrolled': 'Double authentification activée',
  'account.second_factor_signin': 'Connexion avec la double authentification',
  'account.second_factor_failed': 'Échec de la double authentification',
  'account.second_factor_throttled': 'Double authentification ralentie (trop d’essais)',
  'account.recovery_code_used': 'Connexion avec un code de secours',
  'account.signout': 'Déconnexion',
  'account.signout_everywhere': 'Déconnexion de tous les appareils',
  'account.password_changed': 'Mot de passe modifié',
  'account.password_reset_requested': 'Réinitialisation du mot de passe demandée',
  'account.password_reset': 'Mot de passe réinitialisé',
  'account.email_change_requested': 'Changement d’identifiant demandé',
  'account.email_changed': 'Identifiant modifié',
  'account.profile_updated': 'Informations personnelles modifiées',
  'account.preferences_updated': 'Préférences modifiées',
  'account.data_exported': 'Export des données',
  'account.deleted': 'Compte supprimé',
  'relation.created': 'Relation ajoutée',
  'relation.updated': 'Relation modifiée',
  'relation.deleted': 'Relation supprimée',
  'procedure.created': 'Démarche créée',
  'procedure.catalogue_updated': 'Fiche du catalogue modifiée',
  'procedure.draft_updated': 'Version de travail modifiée',
  'procedure.draft_discarded': 'Version de travail abandonnée',
  'procedure.version_published': 'Version publiée',
  'procedure.archived': 'Démarche retirée du catalogue (archivée)',
  'procedure.restored': 'Démarche remise au catalogue',
  'agent.added': 'Agent ajouté',
  'agent.role_changed': 'Rôle modifié',
  'agent.access_withdrawn': 'Accès à l’espace agents retiré',
  'agent.second_factor_reset': 'Double authentification réinitialisée',
  'agent.procedure_assigned': 'Démarche affectée',
  'agent.procedure_unassigned': 'Affectation retirée',
  'backoffice.status_changed': 'Statut d’un dossier changé',
  'backoffice.message_sent': 'Message envoyé à un usager',
  'backoffice.response_published': 'Réponse publiée',
  'backoffice.dossier_viewed': 'Dossier consulté',
  'backoffice.file_downloaded': 'Fichier d’un dossier téléchargé',
  'backoffice.dossier_pdf_exported': 'Dossier exporté en PDF',
  'backoffice.dossier_zip_exported': 'Fichiers d’un dossier exportés (ZIP)',
  'backoffice.note_added': 'Note interne ajoutée',
  'backoffice.completion_requested': 'Complément demandé à un usager',
  'backoffice.completion_withdrawn': 'Demande de complément retirée',
  'backoffice.dossier_assigned': 'Dossier attribué',
  'backoffice.dossier_unassigned': 'Attribution d’un dossier retirée',
  'backoffice.queue_exported': 'Liste de dossiers exportée (CSV)',
  'locker.document_added': 'Document ajouté au porte-documents',
  'locker.document_deleted': 'Document supprimé du porte-documents',
  'account.reauth_failed': 'Échec de confirmation du mot de passe',
  'account.signup_repeated': 'Inscription demandée pour une adresse déjà inscrite',
  'maintenance.account_data_swept': 'Données de comptes expirées effacées',
  'maintenance.orphan_files_swept': 'Fichiers orphelins effacés',
  'maintenance.retention_applied': 'Durées de conservation appliquées',
};

export function auditActionLabel(action: string): string {
  return (auditActionLabels as Record<string, string>)[action] ?? action;
}

export function auditGroupLabel(group: string): string {
  return auditGroupLabels[group] ?? group;
}

const metaKeyLabels: Record<string, string> = {
  role: 'rôle',
  from: 'avant',
  to: 'après',
  newAccount: 'nouveau compte',
  procedure: 'démarche',
  version: 'version',
  previousVersion: 'version précédente',
  part: 'partie',
  step: 'étape',
  added: 'ajouté',
  removed: 'retiré',
  changed: 'modifié',
  slug: 'adresse',
  title: 'titre',
  assignmentsRemoved: 'affectations retirées',
  knownAccount: 'compte existant',
  waitSeconds: 'attente (s)',
  method: 'moyen',
  reason: 'motif',
  remaining: 'codes de secours restants',
  wasEnrolled: 'était activée',
  attachment: 'fichier',
  files: 'fichiers',
  bytes: 'octets',
  length: 'longueur',
  pages: 'pages',
};

const valueLabels: Record<string, string> = {
  citizen: 'usager',
  agent: 'agent',
  admin: 'administrateur',
  statuses: 'statuts',
  presentation: 'présentation',
  definition: 'définition complète',
  totp: 'application d’authentification',
  recovery: 'code de secours',
  enrolment: 'activation',
  'wrong-code': 'code incorrect',
  'replayed-code': 'code déjà utilisé',
  'wrong-recovery-code': 'code de secours incorrect ou déjà utilisé',
  'demo-secret': 'clé de démonstration refusée',
  unreadable: 'clé illisible',
  expired: 'connexion expirée',
  true: 'oui',
  false: 'non',
};

// Defence in depth: whatever a future caller puts in meta, these never reach the page.
const SECRET_KEY = /password|passwd|token|secret|hash|cookie|session|ip/i;

function formatValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(formatValue).join(', ') || '—';
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return '…';
  const text = String(value);
  return valueLabels[text] ?? text;
}

/** The details of an event as "label: value" pairs, without anything secret-looking. */
export function describeAuditMeta(meta: Record<string, unknown> | null | undefined): { label: string; value: string }[] {
  if (!meta) return [];
  return Object.entries(meta)
    .filter(([key, value]) => !SECRET_KEY.test(key) && value !== undefined)
    .map(([key, value]) => ({ label: metaKeyLabels[key] ?? key, value: formatValue(value) }));
}
