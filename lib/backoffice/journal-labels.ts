// French labels of the audit journal's actions. Pure module. An action without a label is shown
// as its key: a new event is never hidden from administrators.

const labels: Record<string, string> = {
  'account.signup': 'Création de compte',
  'account.email_confirmed': 'Adresse de courriel confirmée',
  'account.signin': 'Connexion',
  'account.signin_failed': 'Échec de connexion',
  'account.signin_throttled': 'Connexion ralentie après plusieurs échecs',
  'account.signout': 'Déconnexion',
  'account.signout_everywhere': 'Déconnexion de tous les appareils',
  'account.password_changed': 'Mot de passe modifié',
  'account.password_reset_requested': 'Réinitialisation du mot de passe demandée',
  'account.password_reset': 'Mot de passe réinitialisé',
  'account.email_change_requested': 'Changement d’identifiant demandé',
  'account.email_changed': 'Identifiant modifié',
  'account.profile_updated': 'Informations personnelles modifiées',
  'account.preferences_updated': 'Préférences modifiées',
  'account.deleted': 'Compte supprimé',
  'relation.created': 'Relation ajoutée',
  'relation.updated': 'Relation modifiée',
  'relation.deleted': 'Relation supprimée',
  'backoffice.status_changed': 'Statut d’un dossier changé',
  'backoffice.message_sent': 'Message envoyé à un usager',
  'backoffice.response_published': 'Réponse publiée',
  'backoffice.assignments_changed': 'Démarches confiées à un agent modifiées',
};

export function journalActionLabel(action: string): string {
  return labels[action] ?? action;
}

const targetLabels: Record<string, string> = { dossier: 'Dossier', user: 'Compte', relation: 'Relation' };

export function journalTargetLabel(targetType: string | null): string | null {
  if (!targetType) return null;
  return targetLabels[targetType] ?? targetType;
}
