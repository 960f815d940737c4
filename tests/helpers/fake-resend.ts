import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

// A stand-in for the Resend HTTP API on loopback (CONVENTIONS.md #10): the real SDK talks to it,
// so tests cover the request the adapter actually sends, not a mock of the SDK.

export type ResendEmailBody = {
  from: string;
  to: string | string[];
  subject: string;
  text?: string;
  html?: string;
  attachments?: { filename: string; content: string; content_type?: string }[];
};

export type FakeResendRequest = {
  body: ResendEmailBody;
  authorization: string | undefined;
  idempotencyKey: string | undefined;
  /** The HTTP status this request was answered with. */
  status: number;
  /** The id answered on success. */
  id: string | undefined;
};

export type FakeResend = {
  /** Base URL to give the Resend client (no trailing slash). */
  url: string;
  apiKey: string;
  /** Every POST /emails so far, failed ones included, oldest first. */
  received(): FakeResendRequest[];
  /** Answers the next `count` requests with `status` (500: server error, 422: validation error). */
  failNext(count: number, status?: 500 | 422): void;
  close(): Promise<void>;
};

const ERROR_NAMES = { 401: 'invalid_api_key', 404: 'not_found', 422: 'validation_error', 500: 'application_error' } as const;

function answer(res: ServerResponse, status: number, payload: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(payload));
}

function answerError(res: ServerResponse, status: keyof typeof ERROR_NAMES) {
  answer(res, status, { statusCode: status, name: ERROR_NAMES[status], message: `fake Resend answered ${status}` });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeResend(apiKey = `re_test_${randomUUID().replaceAll('-', '')}`): Promise<FakeResend> {
  const requests: FakeResendRequest[] = [];
  let failures: { remaining: number; status: 500 | 422 } = { remaining: 0, status: 500 };

  const server = createServer(async (req, res) => {
    if (req.method !== 'POST' || req.url !== '/emails') return answerError(res, 404);
    const raw = await readBody(req);
    const authorization = req.headers.authorization;
    const idempotencyKey = req.headers['idempotency-key'] as string | undefined;
    let status: 200 | 401 | 422 | 500 = 200;
    if (authorization !== `Bearer ${apiKey}`) status = 401;
    else if (failures.remaining > 0) {
      failures = { ...failures, remaining: failures.remaining - 1 };
      status = failures.status;
    }
    const id = status === 200 ? randomUUID() : undefined;
    requests.push({ body: JSON.parse(raw) as ResendEmailBody, authorization, idempotencyKey, status, id });
    if (status !== 200) return answerError(res, status);
    answer(res, 200, { id });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    received: () => [...requests],
    failNext(count, status = 500) {
      failures = { remaining: count, status };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
