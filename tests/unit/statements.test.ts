import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { accessibilityLinkLabel, buildAccessibilityStatement } from '@/lib/statements/accessibility';
import { listProcessings } from '@/lib/statements/processings';

describe('accessibility statement', () => {
  it('says « partiellement conforme » until a full audit is recorded, whatever the configured level', () => {
    const statement = buildAccessibilityStatement(parseEnv({ ACCESSIBILITY_CONFORMITY: 'totale' }));
    expect(statement).toMatchObject({ audited: false, words: 'partiellement conforme' });
    expect(accessibilityLinkLabel(statement)).toBe('Accessibilité : partiellement conforme');
  });

  it('states the audited level and rate once the audit date is set', () => {
    const env = parseEnv({ ACCESSIBILITY_AUDIT_DATE: '2027-03-15', ACCESSIBILITY_CONFORMITY: 'non', ACCESSIBILITY_AUDIT_RATE: '42.5', ORGANISATION_NAME: 'Ville de Testville' });
    expect(buildAccessibilityStatement(env)).toMatchObject({ audited: true, words: 'non conforme', auditRate: 42.5, auditDate: '2027-03-15', organisation: 'Ville de Testville' });
  });

  it('refuses an audit date that is not a date', () => {
    expect(() => parseEnv({ ACCESSIBILITY_AUDIT_DATE: 'bientôt' })).toThrow(/ACCESSIBILITY_AUDIT_DATE/);
  });
});

describe('personal data processings', () => {
  it('print the retention periods from the configuration', () => {
    const text = (months: { draftMonths: number; closedDossierMonths: number }) => JSON.stringify(listProcessings(months));
    expect(text({ draftMonths: 6, closedDossierMonths: 24 })).toContain('non modifié pendant 6 mois');
    expect(text({ draftMonths: 6, closedDossierMonths: 24 })).toContain('puis 2 ans après la décision finale');
    expect(text({ draftMonths: 3, closedDossierMonths: 18 })).toContain('non modifié pendant 3 mois');
    expect(text({ draftMonths: 3, closedDossierMonths: 18 })).toContain('puis 18 mois après la décision finale');
  });

  it('defaults: drafts 6 months, closed dossiers 24 months', () => {
    const env = parseEnv({});
    expect([env.DRAFT_RETENTION_MONTHS, env.CLOSED_DOSSIER_RETENTION_MONTHS]).toEqual([6, 24]);
  });
});
