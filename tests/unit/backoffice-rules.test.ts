import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkStatusChange, dossierScopeOf, isBackOfficeRole } from '@/lib/processing/rules';
import { agentMessageSchema, changeStatusSchema, dossierListQuerySchema, publishResponseSchema } from '@/lib/processing/schemas';
import { citizenMessageSchema } from '@/lib/messages/schemas';

const PROCEDURE = '6f1c0d3e-1111-4a4a-8b8b-000000000001';

describe('dossierScopeOf (the rule behind dossiersInScope, tested on a database in tests/integration/dossiers-in-scope.test.ts)', () => {
  it('maps roles to scopes', () => {
    expect([dossierScopeOf('citizen'), dossierScopeOf('agent'), dossierScopeOf('admin')]).toEqual(['none', 'granted-procedures', 'all-procedures']);
    expect([isBackOfficeRole('citizen'), isBackOfficeRole('agent'), isBackOfficeRole('admin')]).toEqual([false, true, true]);
  });
});

describe('checkStatusChange', () => {
  const statuses = [{ key: 'recu' }, { key: 'transmis' }, { key: 'resolu' }];
  it('accepts another status of the same list only', () => {
    expect(checkStatusChange(statuses, 'recu', 'transmis')).toEqual({ ok: true });
    expect(checkStatusChange(statuses, 'recu', 'accordee')).toEqual({ ok: false, reason: 'unknown-status' });
    expect(checkStatusChange(statuses, 'recu', 'draft')).toEqual({ ok: false, reason: 'unknown-status' });
    expect(checkStatusChange(statuses, 'recu', 'recu')).toEqual({ ok: false, reason: 'same-status' });
  });
});

describe('back-office schemas', () => {
  it('reads list filters from a query string, dropping what is malformed', () => {
    expect(dossierListQuerySchema.parse({ procedure: PROCEDURE, status: 'en-traitement', q: ' Dupré ', tri: 'activite' })).toMatchObject({
      procedure: PROCEDURE,
      status: 'en-traitement',
      q: 'Dupré',
      tri: 'activite',
    });
    expect(dossierListQuerySchema.parse({ procedure: '', status: '', q: '' })).toMatchObject({ procedure: undefined, status: undefined, q: undefined, tri: 'depot' });
    expect(dossierListQuerySchema.parse({ procedure: "1' or 1=1", status: 'DROP TABLE', tri: 'x', du: '2026-13-45', attribution: 'tous', apres: "x' or 1=1" })).toEqual({
      procedure: undefined,
      status: undefined,
      tri: 'depot',
      du: undefined,
      attribution: undefined,
      apres: undefined,
    });
    // A status alone is ignored: each procedure has its own statuses.
    expect(dossierListQuerySchema.parse({ status: 'recu' }).status).toBeUndefined();
    expect(dossierListQuerySchema.parse({ apres: `2026-03-01 10:00:00.123456+00~${PROCEDURE}` }).apres).toBe(`2026-03-01 10:00:00.123456+00~${PROCEDURE}`);
  });

  it('asks for a status, keeps an optional comment trimmed', () => {
    expect(changeStatusSchema.safeParse({ status: '' }).error?.issues[0].message).toBe('Choisissez le nouveau statut.');
    expect(changeStatusSchema.parse({ status: 'transmis', comment: '   ' })).toEqual({ status: 'transmis', comment: undefined });
    expect(changeStatusSchema.parse({ status: 'transmis', comment: ' Vu. ' })).toEqual({ status: 'transmis', comment: 'Vu.' });
    expect(changeStatusSchema.safeParse({ status: 'transmis', comment: 'x'.repeat(2001) }).success).toBe(false);
  });

  it('refuses an empty or too long message, from either side', () => {
    for (const schema of [agentMessageSchema, citizenMessageSchema]) {
      expect(schema.safeParse({ body: '  \n ' }).error?.issues[0].message).toBe('Saisissez votre message.');
      expect(schema.safeParse({ body: 'x'.repeat(5001) }).success).toBe(false);
      expect(schema.parse({ body: ' Bonjour ' })).toEqual({ body: 'Bonjour' });
    }
  });

  it('asks for a response file (an empty file input is no file) and keeps the note optional', () => {
    const pdf = new File(['%PDF-1.4'], 'arrete.pdf', { type: 'application/pdf' });
    expect(publishResponseSchema.safeParse({}).error?.issues[0].message).toBe('Choisissez le fichier de la réponse.');
    expect(publishResponseSchema.safeParse({ file: new File([], '') }).error?.issues[0].message).toBe('Choisissez le fichier de la réponse.');
    expect(publishResponseSchema.parse({ file: pdf })).toEqual({ file: pdf, note: undefined });
    expect(publishResponseSchema.parse({ file: pdf, note: ' Arrêté signé. ' }).note).toBe('Arrêté signé.');
  });
});

describe('the back office never reaches the locker', () => {
  it('no back-office module names the locker table or its storage keys', () => {
    const folders = ['lib/processing', 'app/admin'];
    const files = folders.flatMap((folder) =>
      readdirSync(folder, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
        .map((entry) => path.join(entry.parentPath, entry.name)),
    );
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) expect(readFileSync(file, 'utf8'), file).not.toMatch(/locker_?documents|['`]locker\//i);
  });
});

describe('beneficiaryLabelForAgents', () => {
  it('rewords the citizen’s “vous-même” for agents and keeps relation labels', async () => {
    const { beneficiaryLabelForAgents } = await import('@/lib/processing/labels');
    expect(beneficiaryLabelForAgents('self', 'Camille Durand (vous-même)')).toBe('Camille Durand (titulaire du compte)');
    expect(beneficiaryLabelForAgents('self', 'Vous-même')).toBe('Le titulaire du compte');
    expect(beneficiaryLabelForAgents('person', 'Léo Paul Durand (enfant)')).toBe('Léo Paul Durand (enfant)');
  });
});
