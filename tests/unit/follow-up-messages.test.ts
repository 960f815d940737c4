import { describe, expect, it } from 'vitest';
import { toDrizzleQuery } from '@/lib/jobs/in-transaction';
import { followUpEmail, followUpNotification } from '@/lib/notifications/follow-up-messages';
import { PgDialect } from 'drizzle-orm/pg-core';

const dossier = { id: '0b7a3b7e-0000-4000-8000-000000000001', number: '2026-000042', procedureTitle: 'Inscription à la cantine scolaire' };
const input = { to: 'camille@exemple.fr', origin: 'https://demarches.test', portalName: 'Portail de test', dossier };

describe('follow-up emails', () => {
  it('a status change names the new status and links to the request', () => {
    const email = followUpEmail({ ...input, event: { kind: 'status_change', statusLabel: 'Inscription validée', hasComment: true } });
    expect(email.subject).toBe('Votre demande n° 2026-000042 : Inscription validée — Portail de test');
    expect(email.text).toContain('https://demarches.test/demandes/0b7a3b7e-0000-4000-8000-000000000001');
    expect(email.text).toContain('L’administration a ajouté un commentaire');
    expect(email.text).toContain('Mes préférences');
  });

  it('a message or a response says what happened and how to read it, with the link', () => {
    const message = followUpEmail({ ...input, event: { kind: 'message' } });
    expect(message.subject).toContain('Nouveau message');
    expect(message.text).toContain('n’est pas recopié');
    const response = followUpEmail({ ...input, event: { kind: 'response' } });
    expect(response.subject).toContain('Réponse disponible');
    expect(response.text).toContain('télécharger');
    for (const email of [message, response]) expect(email.text).toContain(`${input.origin}/demandes/${dossier.id}`);
    expect(response.attachments).toBeUndefined();
  });

  it('notifications point at the right part of the request page', () => {
    expect(followUpNotification(dossier, { kind: 'message' }).link).toBe(`/demandes/${dossier.id}#messages`);
    expect(followUpNotification(dossier, { kind: 'response' }).link).toBe(`/demandes/${dossier.id}#reponse`);
    expect(followUpNotification(dossier, { kind: 'status_change', statusLabel: 'Validée', hasComment: false })).toEqual({
      title: 'Nouveau statut : Validée',
      body: 'Demande n° 2026-000042 — Inscription à la cantine scolaire.',
      link: `/demandes/${dossier.id}`,
    });
  });
});

describe('pg-boss SQL through a Drizzle transaction', () => {
  it('keeps the text and turns $n placeholders into parameters, objects as JSON', () => {
    const query = new PgDialect().sqlToQuery(toDrizzleQuery('insert into t (a, b, c) values ($1::uuid, $3, $2::jsonb) returning id', ['id-1', { to: 'x' }, null]));
    expect(query.sql).toBe('insert into t (a, b, c) values ($1::uuid, $2, $3::jsonb) returning id');
    expect(query.params).toEqual(['id-1', null, '{"to":"x"}']);
  });
});
