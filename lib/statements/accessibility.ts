import type { Env } from '@/lib/env';

// The RGAA statement's facts, from configuration (README: ACCESSIBILITY_*). A conformity level is
// only taken from configuration once a full audit is recorded (its date); until then the portal
// says « partiellement conforme », on the strength of the checks listed below, and says that no
// full audit was made. Note: RGAA 4.1 asks for « non conforme » when no audit exists (decision 013).

export type ConformityLevel = 'totale' | 'partielle' | 'non';

export const CONFORMITY_WORDS: Record<ConformityLevel, string> = {
  totale: 'totalement conforme',
  partielle: 'partiellement conforme',
  non: 'non conforme',
};

export type AccessibilityStatement = {
  level: ConformityLevel;
  words: string;
  audited: boolean;
  auditDate?: string;
  auditRate?: number;
  organisation: string;
  address: string;
  contactEmail: string;
};

export function buildAccessibilityStatement(env: Pick<Env, 'ACCESSIBILITY_AUDIT_DATE' | 'ACCESSIBILITY_CONFORMITY' | 'ACCESSIBILITY_AUDIT_RATE' | 'ORGANISATION_NAME' | 'ORGANISATION_ADDRESS' | 'CONTACT_EMAIL'>): AccessibilityStatement {
  const audited = Boolean(env.ACCESSIBILITY_AUDIT_DATE);
  const level: ConformityLevel = audited ? env.ACCESSIBILITY_CONFORMITY : 'partielle';
  return {
    level,
    words: CONFORMITY_WORDS[level],
    audited,
    auditDate: env.ACCESSIBILITY_AUDIT_DATE,
    auditRate: audited ? env.ACCESSIBILITY_AUDIT_RATE : undefined,
    organisation: env.ORGANISATION_NAME,
    address: env.ORGANISATION_ADDRESS,
    contactEmail: env.CONTACT_EMAIL,
  };
}

/** The footer's link text, e.g. « Accessibilité : partiellement conforme ». */
export function accessibilityLinkLabel(statement: AccessibilityStatement): string {
  return `Accessibilité : ${statement.words}`;
}

/** What is checked on every change, by the test suite (tests/e2e): the statement lists it. */
export const ACCESSIBILITY_CHECKS = [
  'les pages du portail sont analysées automatiquement par l’outil axe-core (règles WCAG 2.1 niveaux A et AA) par les tests de bout en bout, à chaque modification du code ;',
  'les pages se parcourent et s’utilisent au clavier, avec une indication visible de l’élément actif et un lien « Aller au contenu » ;',
  'les pages principales sont vérifiées à 320 pixels de large, sans défilement horizontal (équivalent d’un zoom à 400 %) ;',
  'les formulaires fonctionnent sans JavaScript ; en cas d’erreur, un récapitulatif reçoit le focus et mène à chaque champ ;',
  'les messages d’état (enregistrement automatique, notifications) sont annoncés aux lecteurs d’écran.',
];
