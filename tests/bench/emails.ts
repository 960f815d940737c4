// Email throughput of one worker process: 500 emails queued at once (a status change on 500
// dossiers), delivered through the send-email worker to the fake Resend server on loopback.
// Target (issue 14): at least 50 emails a second, no duplicate.
//   bash scripts/test-services.sh start && source .test-run/env && npx tsx --conditions=react-server tests/bench/emails.ts
import { createJobQueues, createJobQueue, enqueueJob, JOB_NAMES, registerWorkers, toEmailJobData } from '@/lib/jobs';
import { createResendMailer } from '@/lib/mail';
import { createTestDatabase } from '../helpers/db';
import { startFakeResend } from '../helpers/fake-resend';

const COUNT = Number(process.argv[2] ?? 500);

const database = await createTestDatabase();
const resend = await startFakeResend();
const boss = createJobQueue({ handle: database, connectionString: database.url });
try {
  await boss.start();
  await createJobQueues(boss);
  // Queued before any worker runs, as a burst would be.
  await Promise.all(
    Array.from({ length: COUNT }, (_, i) =>
      enqueueJob(boss, JOB_NAMES.sendEmail, toEmailJobData({ to: `usager${i}@exemple.fr`, subject: `Statut de la demande ${i}`, text: 'Le statut a changé.' })),
    ),
  );
  const mailer = createResendMailer({ apiKey: resend.apiKey, baseUrl: resend.url, from: 'Portail <ne-pas-repondre@exemple.fr>' });
  const started = Date.now();
  await registerWorkers(boss, { getMailer: () => mailer });
  while (resend.received().length < COUNT && Date.now() - started < 120_000) await new Promise((resolve) => setTimeout(resolve, 50));
  const seconds = (Date.now() - started) / 1000;
  // Settle: a late duplicate would show up here.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const received = resend.received();
  const subjects = new Set(received.map((r) => r.body.subject));
  const keys = new Set(received.map((r) => r.idempotencyKey));
  console.log(
    JSON.stringify({ emails: COUNT, delivered: subjects.size, requests: received.length, duplicateRequests: received.length - keys.size, seconds, emailsPerSecond: Math.round(subjects.size / seconds) }),
  );
} finally {
  await boss.stop({ graceful: false });
  await resend.close();
  await database.drop();
}
