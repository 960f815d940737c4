import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '@/db/schema';
import { closeDb } from '@/lib/db';
import { resetEnvCache } from '@/lib/env';
import {
  createOutboxMailer,
  createResendMailer,
  getMailer,
  getOutboxMessage,
  listOutbox,
  MailDeliveryError,
  type MailMessage,
} from '@/lib/mail';
import { createEmbeddedTestDatabase, createTestDatabase, type TestDatabase } from '@/tests/helpers/db';
import { startFakeResend, type FakeResend } from '@/tests/helpers/fake-resend';

const FROM = 'Portail des démarches <ne-pas-repondre@demarches.test>';
// Every byte value, so that any text re-encoding on the way would show.
const PDF_BYTES = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(2048)]);

function sampleMessage(overrides: Partial<MailMessage> = {}): MailMessage {
  return {
    to: 'camille.martin@example.fr',
    subject: 'Votre demande a changé de statut',
    text: 'Bonjour,\nvotre demande est « en cours d’instruction ».\nhttps://demarches.test/demandes/1',
    html: '<p>Bonjour,</p><p>votre demande est « en cours d’instruction ».</p>',
    attachments: [{ filename: 'récépissé.pdf', contentType: 'application/pdf', content: PDF_BYTES }],
    ...overrides,
  };
}

/** Sets variables for one test and puts the previous values back afterwards. */
function useEnv(values: Record<string, string | undefined>): () => void {
  const previous = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
  const apply = (next: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(next)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    resetEnvCache();
  };
  apply(values);
  return () => apply(previous);
}

describe('Resend adapter', () => {
  let fake: FakeResend;
  let restoreEnv: (() => void) | undefined;

  beforeAll(async () => {
    fake = await startFakeResend();
  });
  afterAll(async () => {
    await fake.close();
  });
  afterEach(() => {
    restoreEnv?.();
    restoreEnv = undefined;
  });

  it('sends the message, its HTML and its attachment bytes, authenticated with the API key', async () => {
    const mailer = createResendMailer({ apiKey: fake.apiKey, baseUrl: fake.url, from: FROM });
    const before = fake.received().length;

    const result = await mailer.send(sampleMessage(), { idempotencyKey: 'send-email/42' });

    const [request] = fake.received().slice(before);
    expect(request.status).toBe(200);
    expect(result.id).toBe(request.id);
    expect(request.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(request.idempotencyKey).toBe('send-email/42');
    expect(request.body).toMatchObject({
      from: FROM,
      to: 'camille.martin@example.fr',
      subject: 'Votre demande a changé de statut',
      text: sampleMessage().text,
      html: sampleMessage().html,
    });
    expect(request.body.attachments).toHaveLength(1);
    const [attachment] = request.body.attachments!;
    expect(attachment.filename).toBe('récépissé.pdf');
    expect(attachment.content_type).toBe('application/pdf');
    expect(Buffer.from(attachment.content, 'base64').equals(PDF_BYTES)).toBe(true);
  });

  it('rejects when Resend answers 500, without the API key in the error', async () => {
    const mailer = createResendMailer({ apiKey: fake.apiKey, baseUrl: fake.url, from: FROM });
    fake.failNext(1, 500);

    const error = await mailer.send(sampleMessage()).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(MailDeliveryError);
    expect((error as MailDeliveryError).statusCode).toBe(500);
    expect(String((error as Error).message)).not.toContain(fake.apiKey);
    expect(fake.received().at(-1)?.status).toBe(500);
  });

  it('rejects when Resend refuses the message (422) or the key (401)', async () => {
    fake.failNext(1, 422);
    const mailer = createResendMailer({ apiKey: fake.apiKey, baseUrl: fake.url, from: FROM });
    await expect(mailer.send(sampleMessage())).rejects.toMatchObject({ name: 'MailDeliveryError', statusCode: 422 });

    const wrongKey = createResendMailer({ apiKey: 're_wrong', baseUrl: fake.url, from: FROM });
    const error = (await wrongKey.send(sampleMessage()).then(() => null, (caught: unknown) => caught)) as MailDeliveryError;
    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error.statusCode).toBe(401);
    expect(error.message).not.toContain('re_wrong');
  });

  it('rejects when Resend cannot be reached', async () => {
    const other = await startFakeResend();
    const url = other.url;
    await other.close();
    const mailer = createResendMailer({ apiKey: fake.apiKey, baseUrl: url, from: FROM });
    await expect(mailer.send(sampleMessage())).rejects.toBeInstanceOf(MailDeliveryError);
  });

  it('is what getMailer() returns when RESEND_API_KEY is set, sending from MAIL_FROM', async () => {
    restoreEnv = useEnv({ RESEND_API_KEY: fake.apiKey, RESEND_BASE_URL: fake.url, MAIL_FROM: FROM });
    const before = fake.received().length;

    await getMailer().send(sampleMessage({ to: 'dominique@example.fr', attachments: undefined }));

    const sent = fake.received().slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0].body).toMatchObject({ to: 'dominique@example.fr', from: FROM });
  });
});

describe.each([
  ['PostgreSQL', createTestDatabase],
  ['embedded PGlite', createEmbeddedTestDatabase],
])('outbox on %s', (_label, createDatabase) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('stores the message with its sender and attachment, readable back byte for byte', async () => {
    const mailer = createOutboxMailer(database.db, FROM);

    const { id } = await mailer.send(sampleMessage());

    const message = await getOutboxMessage(database.db, id);
    expect(message).toMatchObject({
      id,
      from: FROM,
      to: 'camille.martin@example.fr',
      subject: 'Votre demande a changé de statut',
      text: sampleMessage().text,
      html: sampleMessage().html,
    });
    expect(message!.attachments).toHaveLength(1);
    expect(message!.attachments[0]).toMatchObject({ filename: 'récépissé.pdf', contentType: 'application/pdf', size: PDF_BYTES.length });
    expect(message!.attachments[0].content.equals(PDF_BYTES)).toBe(true);
  });

  it('lists newest first, filters by recipient and honours the limit', async () => {
    // Explicit dates: PGlite's clock has millisecond resolution, so rows sent back to back can tie.
    // An hour ahead, so that they are newer than what other tests of this file sent.
    const base = Math.floor(Date.now() / 1000) * 1000 + 3_600_000;
    const at = (seconds: number) => new Date(base + seconds * 1000);
    const row = (to: string, subject: string, seconds: number) => ({ to, from: FROM, subject, text: 'Bonjour', createdAt: at(seconds) });
    const [first, , third] = await database.db
      .insert(mailOutbox)
      .values([row('Alix@example.fr', 'Premier', 1), row('bernard@example.fr', 'Autre destinataire', 2), row('alix@example.fr', 'Second', 3)])
      .returning({ id: mailOutbox.id });

    const forAlix = await listOutbox(database.db, { to: ' alix@EXAMPLE.fr ', limit: 10 });
    expect(forAlix.map((m) => m.id)).toEqual([third.id, first.id]);
    expect(forAlix.map((m) => m.subject)).toEqual(['Second', 'Premier']);
    expect(forAlix[0].createdAt).toEqual(at(3));

    const latest = await listOutbox(database.db, { limit: 2 });
    expect(latest.map((m) => m.subject)).toEqual(['Second', 'Autre destinataire']);
  });

  it('answers null for an unknown or malformed id', async () => {
    expect(await getOutboxMessage(database.db, '00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await getOutboxMessage(database.db, "1' or '1'='1")).toBeNull();
  });
});

describe('getMailer() without RESEND_API_KEY', () => {
  let database: TestDatabase;
  let restoreEnv: () => void;

  beforeAll(async () => {
    database = await createTestDatabase();
    restoreEnv = useEnv({ RESEND_API_KEY: undefined, DATABASE_URL: database.url, MAIL_FROM: FROM, MIGRATE_ON_START: 'false' });
  });
  afterAll(async () => {
    await closeDb();
    restoreEnv?.();
    await database?.drop();
  });

  it('writes to the outbox of the application database', async () => {
    const { id } = await getMailer().send(sampleMessage({ to: 'outbox@example.fr' }));

    const [listed] = await listOutbox(database.db, { to: 'outbox@example.fr', limit: 5 });
    expect(listed?.id).toBe(id);
    expect((await getOutboxMessage(database.db, id))?.from).toBe(FROM);
  });
});
