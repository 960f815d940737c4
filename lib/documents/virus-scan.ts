import 'server-only';
import { connect } from 'node:net';

// A minimal clamd client: the INSTREAM command over TCP (zINSTREAM\0, then chunks each preceded by
// its length as 4 bytes big-endian, then a zero length), answered by "stream: OK" or
// "stream: <signature> FOUND". Thin on purpose (CONVENTIONS: adapters are thin and tested against
// a real local peer — here a fake clamd on loopback, since clamd has no signatures offline).

export type ClamavConfig = { host: string; port: number; timeoutMs?: number };
export type ScanResult = { clean: true } | { clean: false; signature: string };

export class ScanUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScanUnavailableError';
  }
}

const CHUNK_BYTES = 64 * 1024;

export function scanWithClamav(bytes: Uint8Array, config: ClamavConfig): Promise<ScanResult> {
  const timeoutMs = config.timeoutMs ?? 15_000;
  return new Promise((resolve, reject) => {
    const socket = connect({ host: config.host, port: config.port });
    const replies: Buffer[] = [];
    let settled = false;
    const finish = (error: Error | null, result?: ScanResult) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      if (error) reject(error);
      else resolve(result!);
    };
    socket.setTimeout(timeoutMs, () => finish(new ScanUnavailableError(`clamd at ${config.host}:${config.port} did not answer within ${timeoutMs} ms`)));
    socket.on('error', (error) => finish(new ScanUnavailableError(`clamd at ${config.host}:${config.port} unreachable: ${error.message}`)));
    socket.on('data', (data) => {
      replies.push(data);
      const reply = Buffer.concat(replies);
      if (reply.includes(0)) finish(...parseReply(reply.subarray(0, reply.indexOf(0)).toString('utf8')));
    });
    socket.on('end', () => finish(...parseReply(Buffer.concat(replies).toString('utf8').replace(/\0$/, ''))));
    socket.on('connect', () => {
      socket.write('zINSTREAM\0');
      for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) {
        const chunk = bytes.subarray(offset, offset + CHUNK_BYTES);
        const length = Buffer.alloc(4);
        length.writeUInt32BE(chunk.length);
        socket.write(length);
        socket.write(chunk);
      }
      socket.write(Buffer.alloc(4));
    });
  });
}

/** [error] or [null, result]: anything but OK or FOUND (size limit, errors) means "could not scan". */
function parseReply(reply: string): [Error | null, ScanResult?] {
  // One shape for finish(): [null, result] or [error].
  const text = reply.trim();
  if (/^stream: OK$/.test(text)) return [null, { clean: true }];
  const found = /^stream: (.+) FOUND$/.exec(text);
  if (found) return [null, { clean: false, signature: found[1] }];
  return [new ScanUnavailableError(`clamd answered: ${text || '(nothing)'}`)];
}
