import { request as httpRequest, type IncomingMessage } from 'node:http';
import { encode } from 'next-auth/jwt';
import { e2eServerEnv } from '../../../playwright.config';
import { e2eSql } from './db';

// Plain HTTP where the browser's API hides what an operator's test needs to see: a stream's raw
// lines, a request still sending its body when the server is told to stop.

export const SESSION_COOKIE = 'authjs.session-token';

/** A session cookie as the sign-in would mint it (same secret and salt). */
export async function mintSessionCookie(user: { id: string; email: string; sessionVersion?: number }, role = 'citizen'): Promise<string> {
  const token = await encode({
    // As the sign-in issues it: a sign-in time (the absolute lifetime counts from it) and, for the
    // back office, the second-factor claim.
    token: { sub: user.id, email: user.email, userId: user.id, role, sessionVersion: user.sessionVersion ?? 1, auth_time: Math.floor(Date.now() / 1000), mfa: role !== 'citizen' },
    secret: e2eServerEnv.AUTH_SECRET,
    salt: SESSION_COOKIE,
    maxAge: 30 * 60,
  });
  return `${SESSION_COOKIE}=${token}`;
}

/** A new, empty draft of the road-works procedure for `userId`. */
export async function createDraft(userId: string): Promise<string> {
  const sql = e2eSql();
  const [procedure] = await sql<{ procedure_id: string; version_id: string }[]>`
    select p.id as procedure_id, v.id as version_id from procedures p join procedure_versions v on v.procedure_id = p.id
    where p.slug = 'signalement-voirie' and v.published_at is not null order by v.version desc limit 1`;
  const [draft] = await sql<{ id: string }[]>`
    insert into dossiers (owner_id, procedure_id, procedure_version_id, beneficiary_kind, beneficiary_snapshot, data)
    values (${userId}, ${procedure.procedure_id}, ${procedure.version_id}, 'self', ${sql.json({ label: 'Vous-même' })}, ${sql.json({})})
    returning id`;
  return draft.id;
}

export type OpenStream = {
  response: IncomingMessage;
  /** Everything received so far. */
  text(): string;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  /** Resolves once the received text matches. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  close(): void;
};

export function openEventStream(url: string, cookie: string): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { cookie, accept: 'text/event-stream' }, agent: false }, (response) => {
      let text = '';
      const waiters: { pattern: RegExp; resolve: () => void }[] = [];
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
        for (const waiter of [...waiters]) if (waiter.pattern.test(text)) waiter.resolve();
      });
      const ended = new Promise<void>((done) => {
        response.on('end', done);
        response.on('close', done);
        response.on('error', () => done());
      });
      resolve({
        response,
        text: () => text,
        ended,
        waitFor(pattern, timeoutMs = 10_000) {
          if (pattern.test(text)) return Promise.resolve();
          return new Promise((ok, fail) => {
            const timer = setTimeout(() => fail(new Error(`stream did not match ${pattern} within ${timeoutMs} ms: ${JSON.stringify(text)}`)), timeoutMs);
            waiters.push({ pattern, resolve: () => (clearTimeout(timer), ok()) });
          });
        },
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}

export type PendingRequest = {
  /** Sends the rest of the body; resolves with the status and body text. */
  finish(): Promise<{ status: number; body: string }>;
};

/**
 * Starts an autosave whose body is only half sent: the request is in flight, on an open
 * connection, until finish() sends the rest.
 */
export async function startSlowAutosave(baseUrl: string, draftId: string, cookie: string, payload: object): Promise<PendingRequest> {
  const body = Buffer.from(JSON.stringify(payload));
  const half = Math.floor(body.length / 2);
  const req = httpRequest(`${baseUrl}/api/brouillons/${draftId}`, {
    method: 'PATCH',
    agent: false,
    headers: { cookie, origin: baseUrl, 'content-type': 'application/json', 'content-length': String(body.length) },
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
  });
  req.flushHeaders();
  await new Promise<void>((resolve) => req.write(body.subarray(0, half), () => resolve()));
  return {
    finish() {
      req.end(body.subarray(half));
      return answer;
    },
  };
}
