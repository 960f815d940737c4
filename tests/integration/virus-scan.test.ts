import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanWithClamav, ScanUnavailableError } from '@/lib/documents/virus-scan';
import { INFECTED_MESSAGE, SCAN_UNAVAILABLE_MESSAGE, screenUploadWith } from '@/lib/documents/screen-upload';

// A fake clamd on loopback that speaks INSTREAM for real: it reassembles the chunks and answers
// FOUND when the stream holds the EICAR test string, OK otherwise, or the size-limit error.
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';
const LIMIT = 256 * 1024;

let server: Server;
let port: number;
const received: { command: string; chunks: number; bytes: Buffer }[] = [];

function startFakeClamd(): Promise<void> {
  server = createServer((socket) => {
    let buffer = Buffer.alloc(0);
    let command: string | null = null;
    const body: Buffer[] = [];
    let chunks = 0;
    socket.on('data', (data) => {
      buffer = Buffer.concat([buffer, data]);
      if (command === null) {
        const end = buffer.indexOf(0);
        if (end < 0) return;
        command = buffer.subarray(0, end).toString();
        buffer = buffer.subarray(end + 1);
      }
      while (buffer.length >= 4) {
        const length = buffer.readUInt32BE(0);
        if (length === 0) {
          const bytes = Buffer.concat(body);
          received.push({ command, chunks, bytes });
          socket.end(bytes.includes(EICAR) ? 'stream: Eicar-Test-Signature FOUND\0' : 'stream: OK\0');
          return;
        }
        if (buffer.length < 4 + length) return;
        body.push(buffer.subarray(4, 4 + length));
        chunks += 1;
        buffer = buffer.subarray(4 + length);
        if (Buffer.concat(body).length > LIMIT) {
          socket.end('INSTREAM size limit exceeded. ERROR\0');
          return;
        }
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    port = (server.address() as { port: number }).port;
    resolve();
  }));
}

beforeAll(startFakeClamd);
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const pdf = (text: string) => new File([`%PDF-1.7\n${text}\n%%EOF\n`], 'piece.pdf');

describe('ClamAV INSTREAM client', () => {
  it('sends zINSTREAM and the content in length-prefixed chunks; a clean file is OK', async () => {
    const bytes = Buffer.alloc(200 * 1024, 7);
    expect(await scanWithClamav(bytes, { host: '127.0.0.1', port })).toEqual({ clean: true });
    const last = received.at(-1)!;
    expect(last.command).toBe('zINSTREAM');
    expect(last.chunks).toBeGreaterThan(1);
    expect(last.bytes.equals(bytes)).toBe(true);
  });

  it('reports the signature of an infected stream', async () => {
    expect(await scanWithClamav(Buffer.from(`%PDF-1.7 ${EICAR}`), { host: '127.0.0.1', port })).toEqual({ clean: false, signature: 'Eicar-Test-Signature' });
  });

  it('treats the size limit and an unreachable daemon as "could not scan"', async () => {
    await expect(scanWithClamav(Buffer.alloc(LIMIT + 1024), { host: '127.0.0.1', port })).rejects.toThrow(/size limit/);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
    const closedPort = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(scanWithClamav(Buffer.from('x'), { host: '127.0.0.1', port: closedPort })).rejects.toBeInstanceOf(ScanUnavailableError);
  });
});

describe('screenUploadWith', () => {
  it('accepts a clean PDF, refuses an infected one with a clear message, and fails closed when clamd is down', async () => {
    expect(await screenUploadWith(pdf('propre'), { host: '127.0.0.1', port })).toMatchObject({ ok: true, filename: 'piece.pdf' });
    expect(await screenUploadWith(pdf(EICAR), { host: '127.0.0.1', port })).toEqual({ ok: false, message: INFECTED_MESSAGE('piece.pdf') });
    expect(await screenUploadWith(pdf('propre'), { host: '127.0.0.1', port: 1 })).toEqual({ ok: false, message: SCAN_UNAVAILABLE_MESSAGE });
    // Without ClamAV configured, only the content checks apply.
    expect(await screenUploadWith(pdf(EICAR), null)).toMatchObject({ ok: true });
  });

  it('does not scan what the content checks already refused', async () => {
    const before = received.length;
    expect(await screenUploadWith(new File(['<html></html>'], 'page.pdf'), { host: '127.0.0.1', port })).toMatchObject({ ok: false });
    expect(received.length).toBe(before);
  });
});
