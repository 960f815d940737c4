import { describe, expect, it } from 'vitest';
import { agentsFailure, refusalMessage } from '@/app/admin/agents/messages';
import { procedureFailure } from '@/app/admin/demarches/messages';
import { accountFailure } from '@/app/compte/messages';
import { isAllowedBeneficiary } from '@/lib/dossiers/beneficiary-rules';

// Use cases give reasons; the pages word them (app/**/messages.ts). The e2e specs read these
// sentences and these controls: a reason must land on the same control with the same words.

describe('agents page', () => {
  it('puts each refusal above the form or beside the control it concerns', () => {
    expect(agentsFailure('already-granted')).toEqual({ ok: false, fieldErrors: { procedureId: ['Cette démarche est déjà affectée à cette personne.'] } });
    expect(agentsFailure('already-back-office')).toEqual({
      ok: false,
      fieldErrors: { email: ['Cette personne a déjà accès à l’espace agents : modifiez son rôle dans la liste ci-dessous.'] },
    });
    expect(agentsFailure('self')).toEqual({ ok: false, formError: expect.stringContaining('votre propre rôle d’administrateur') });
    expect(agentsFailure('grant-not-found')).toEqual({ ok: false, formError: 'Cette affectation n’existe plus. Rechargez la page.' });
    expect(refusalMessage('already-admin')).toBe('Cette personne est déjà administratrice.');
  });
});

describe('procedure pages', () => {
  const inUse = { ok: false as const, reason: 'status-in-use' as const, inUse: [{ key: 'en-cours', label: 'En cours', count: 2 }] };
  const invalid = { ok: false as const, reason: 'invalid-definition' as const, errors: ['étape « a » : un problème', 'un autre'] };

  it('words an invalid definition by form: publishing, an edit, the JSON editor’s text area', () => {
    expect(procedureFailure(invalid, { kind: 'publish' })).toEqual({ ok: false, formError: 'Cette version n’est pas valide : étape « a » : un problème ; un autre' });
    expect(procedureFailure(invalid, { kind: 'edit' })).toEqual({ ok: false, formError: 'La démarche ne serait plus valide : étape « a » : un problème ; un autre' });
    expect(procedureFailure(invalid, { kind: 'edit', invalidField: 'definition' })).toEqual({ ok: false, fieldErrors: { definition: invalid.errors } });
  });

  it('names the statuses in use with their number of dossiers, and says "no draft" per form', () => {
    expect(procedureFailure(inUse, { kind: 'edit' })).toEqual({ ok: false, formError: expect.stringContaining('« En cours » (2 dossiers)') });
    expect(procedureFailure({ ok: false, reason: 'no-draft' }, { kind: 'publish' })).toEqual({ ok: false, formError: expect.stringContaining('à publier') });
    expect(procedureFailure({ ok: false, reason: 'no-draft' }, { kind: 'discard' })).toEqual({ ok: false, formError: expect.stringContaining('à abandonner') });
    expect(procedureFailure({ ok: false, reason: 'slug-taken' }, { kind: 'edit' })).toEqual({ ok: false, fieldErrors: { slug: [expect.stringContaining('déjà cette adresse')] } });
  });
});

describe('account pages', () => {
  it('puts a weak password beside the control of the page, and the wrong current password in the page’s words', () => {
    expect(accountFailure({ reason: 'weak-password', message: 'Trop courant.' })).toEqual({ ok: false, fieldErrors: { password: ['Trop courant.'] } });
    expect(accountFailure({ reason: 'weak-password', message: 'Trop courant.' }, { passwordField: 'newPassword' })).toEqual({ ok: false, fieldErrors: { newPassword: ['Trop courant.'] } });
    expect(accountFailure({ reason: 'wrong-password' })).toEqual({ ok: false, fieldErrors: { currentPassword: ['Le mot de passe actuel est incorrect.'] } });
    expect(accountFailure({ reason: 'too-many-requests' })).toEqual({ ok: false, formError: 'Trop de demandes en peu de temps. Réessayez dans une heure.' });
    expect(accountFailure({ reason: 'same-email' })).toEqual({ ok: false, fieldErrors: { newEmail: ['C’est déjà votre adresse de connexion.'] } });
  });
});

describe('beneficiary rule', () => {
  it('offers a relation only of an allowed kind and, for a person, of an allowed subtype', () => {
    const children = { beneficiaries: ['self', 'person'] as const, personSubtypes: ['child'] as const };
    expect(isAllowedBeneficiary(children, { kind: 'person', subtype: 'child' })).toBe(true);
    expect(isAllowedBeneficiary(children, { kind: 'person', subtype: 'spouse' })).toBe(false);
    expect(isAllowedBeneficiary(children, { kind: 'organisation' })).toBe(false);
    expect(isAllowedBeneficiary({ beneficiaries: ['person'] }, { kind: 'person', subtype: 'other' })).toBe(true);
    expect(isAllowedBeneficiary({ beneficiaries: ['organisation'] }, { kind: 'organisation' })).toBe(true);
  });
});
