import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditLog } from '@/db/schema';
import { closeDb } from '@/lib/db';
import { resetEnvCache } from '@/lib/env';
import {
  createJobQueue,
  createJobQueues,
  createQueues,
  enqueueEmail,
  enqueueJob,
  JOB_NAMES,
  registerWorkers,
  sendJob,
  startJobs,
  stopJobs,
  toEmailJobData,
  workJobs,
} from '@/lib/jobs';
import { createResendMailer, type MailMessage } from '@/lib/mail';
import { createEmbeddedTestDatabase, createTestDatabase, type TestDatabase } from '@/tests/helpers/db';
import { startFakeResend, type FakeResend } from '@/tests/helpers/fake-resend';

const FROM = 'Portail des démarches <ne-pas-repondre@demarches.test>';
// Database and Node clocks are the same machine's; PGlite's now() is only millisecond-precise.
const CLOCK_TOLERANCE_MS = 50;

function emailWithSubject(subject: string): MailMessage {
  return {
    to: 'camille.martin@example.fr',
    subject,
    text: 'Bonjour,\nune réponse de l’administration est disponible.',
    html: '<p>Bonjour,</p><p>une réponse de l’administration est disponible.</p>',
    attachments: [{ filename: 'reponse.pdf', contentType: 'application/pdf', content: randomBytes(4096) }],
  };
}

async function waitForJobState(boss: PgBoss, queue: string, id: string, state: string, timeout = 20_000) {
  await vi.waitFor(async () => expect((await boss.getJobById(queue, id))?.state).toBe(state), { timeout, interval: 100 });
  return (await boss.getJobById(queue, id))!;
}

describe.each([
  ['PostgreSQL', createTestDatabase],
  ['embedded PGlite', createEmbeddedTestDatabase],
])('job queue on %s', (_label, createDatabase) => {
  let database: TestDatabase;
  let fake: FakeResend;
  let running: PgBoss[] = [];

  async function startQueue(extraQueues: string[] = []): Promise<PgBoss> {
    const boss = createJobQueue({ handle: database, connectionString: database.url }, { pollingIntervalSeconds: 0.5 });
    running.push(boss);
    await boss.start();
    await createJobQueues(boss);
    await createQueues(boss, extraQueues);
    return boss;
  }

  const fakeMailer = () => createResendMailer({ apiKey: fake.apiKey, baseUrl: fake.url, from: FROM });
  const receivedWithSubject = (subject: string) => fake.received().filter((request) => request.body.subject === subject);

  beforeAll(async () => {
    [database, fake] = await Promise.all([createDatabase(), startFakeResend()]);
  });
  afterEach(async () => {
    await Promise.all(running.map((boss) => boss.stop({ graceful: true, timeout: 5_000 })));
    running = [];
  });
  afterAll(async () => {
    await Promise.all([database?.drop(), fake?.close()]);
  });

  it('retries a failing job with growing delays until it succeeds', async () => {
    const boss = await startQueue(['flaky']);
    const attempts: { startedAt: number; scheduledFor: number; retryCount: number }[] = [];
    const failedAt: number[] = [];
    await workJobs<{ dossier: string }>(boss, 'flaky', async (data, job) => {
      attempts.push({ startedAt: Date.now(), scheduledFor: new Date(job.startAfter).getTime(), retryCount: job.retryCount });
      if (attempts.length < 3) {
        failedAt.push(Date.now());
        throw new Error(`attempt ${attempts.length} fails on purpose`);
      }
      return { processed: data.dossier };
    });

    const id = await sendJob(boss, 'flaky', { dossier: 'D-2026-0001' }, { retryLimit: 2, retryDelay: 1, retryBackoff: true });

    const job = await waitForJobState(boss, 'flaky', id!, 'completed');
    expect(attempts.map((a) => a.retryCount)).toEqual([0, 1, 2]);
    expect(job.retryCount).toBe(2);
    expect(job.output).toEqual({ processed: 'D-2026-0001' });
    // Backoff: the first retry waits at least retryDelay (1 s), the second at least twice that.
    expect(attempts[1].scheduledFor - failedAt[0]).toBeGreaterThanOrEqual(1_000 - CLOCK_TOLERANCE_MS);
    expect(attempts[2].scheduledFor - failedAt[1]).toBeGreaterThanOrEqual(2_000 - CLOCK_TOLERANCE_MS);
    // And no attempt ran before its time.
    expect(attempts[1].startedAt).toBeGreaterThanOrEqual(attempts[1].scheduledFor - CLOCK_TOLERANCE_MS);
    expect(attempts[2].startedAt).toBeGreaterThanOrEqual(attempts[2].scheduledFor - CLOCK_TOLERANCE_MS);
  });

  it('keeps a queued job across a restart and runs it on the next start', async () => {
    const first = await startQueue(['durable']);
    const id = await sendJob(first, 'durable', { note: 'queued before the restart' });
    await first.stop({ graceful: true });

    const second = await startQueue();
    expect((await second.getJobById('durable', id!))?.state).toBe('created');
    const seen: unknown[] = [];
    await workJobs(second, 'durable', async (data) => {
      seen.push(data);
    });

    await waitForJobState(second, 'durable', id!, 'completed');
    expect(seen).toEqual([{ note: 'queued before the restart' }]);
  });

  it('never undoes the change that queued an email whose delivery keeps failing', async () => {
    const boss = await startQueue();
    await registerWorkers(boss, { getMailer: fakeMailer });
    const subject = `Statut modifié ${randomUUID()}`;
    const [change] = await database.db
      .insert(auditLog)
      .values({ action: 'dossier.status_changed', targetType: 'dossier', targetId: 'D-2026-0002' })
      .returning({ id: auditLog.id });
    fake.failNext(3, 500);

    const id = await enqueueJob(boss, JOB_NAMES.sendEmail, toEmailJobData(emailWithSubject(subject)), {
      retryLimit: 2,
      retryDelay: 1,
      retryBackoff: false,
    });

    const job = await waitForJobState(boss, JOB_NAMES.sendEmail, id!, 'failed');
    expect(job.retryCount).toBe(2);
    expect(receivedWithSubject(subject).map((request) => request.status)).toEqual([500, 500, 500]);
    expect(JSON.stringify(job.output)).toContain('Resend refused the email (500)');
    expect(JSON.stringify(job.output)).not.toContain(fake.apiKey);
    const rows = await database.db.select().from(auditLog).where(eq(auditLog.id, change.id));
    expect(rows).toHaveLength(1);
  });

  it('delivers a queued email through the send-email worker within seconds', async () => {
    const boss = await startQueue();
    await registerWorkers(boss, { getMailer: fakeMailer });
    const subject = `Réponse disponible ${randomUUID()}`;
    const message = emailWithSubject(subject);

    const id = await enqueueJob(boss, JOB_NAMES.sendEmail, toEmailJobData(message));

    await vi.waitFor(() => expect(receivedWithSubject(subject)).toHaveLength(1), { timeout: 5_000, interval: 50 });
    const [request] = receivedWithSubject(subject);
    expect(request).toMatchObject({ status: 200, authorization: `Bearer ${fake.apiKey}`, idempotencyKey: `send-email/${id}` });
    expect(request.body).toMatchObject({ from: FROM, to: message.to, subject, text: message.text, html: message.html });
    expect(Buffer.from(request.body.attachments![0].content, 'base64').equals(message.attachments![0].content)).toBe(true);
    const job = await waitForJobState(boss, JOB_NAMES.sendEmail, id!, 'completed');
    expect(job.output).toEqual({ messageId: request.id });
  });
});

/** Sets variables for one block and puts the previous values back afterwards. */
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

describe.each([['PostgreSQL'], ['embedded PGlite']])('startJobs() and enqueueEmail() on %s', (label) => {
  let database: TestDatabase | undefined;
  let dataDir: string | undefined;
  let fake: FakeResend;
  let restoreEnv: () => void;

  beforeAll(async () => {
    fake = await startFakeResend();
    if (label === 'PostgreSQL') database = await createTestDatabase();
    else dataDir = await mkdtemp(path.join(tmpdir(), 'portail-jobs-'));
    restoreEnv = useEnv({
      DATABASE_URL: database?.url,
      DATA_DIR: dataDir,
      RESEND_API_KEY: fake.apiKey,
      RESEND_BASE_URL: fake.url,
      MAIL_FROM: FROM,
      JOBS_IN_PROCESS: 'true',
    });
  });
  afterAll(async () => {
    await stopJobs();
    await closeDb();
    restoreEnv?.();
    await Promise.all([database?.drop(), fake?.close(), dataDir && rm(dataDir, { recursive: true, force: true })]);
  });

  it('sends an email queued by the app through the Resend configured in the environment', async () => {
    await startJobs();
    await startJobs();
    const subject = `Bienvenue ${randomUUID()}`;

    await enqueueEmail(emailWithSubject(subject));

    await vi.waitFor(() => expect(fake.received().filter((r) => r.body.subject === subject)).toHaveLength(1), {
      timeout: 5_000,
      interval: 50,
    });
    const [request] = fake.received().filter((r) => r.body.subject === subject);
    expect(request).toMatchObject({ status: 200, body: { from: FROM, to: 'camille.martin@example.fr' } });
  });
});
