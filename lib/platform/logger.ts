import { format } from 'node:util';
import pino, { type DestinationStream, type Logger } from 'pino';
import { readLogLevel } from '@/lib/env';
import { describeError, scrubText } from './safe-error';

// Structured logs: one JSON line per event on standard output, level from LOG_LEVEL (docs/deploy.md).
// Personal data never reaches them: known keys are redacted wherever they appear in the logged
// object, and errors go through describeError (no query parameters, no quoted values, no emails).

/** Keys whose values are never written, at the top level or one level down (pino's redact paths). */
const REDACTED_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'secret',
  'email',
  'to',
  'answers',
  'params',
  'parameters',
  'values',
  'text',
  'html',
  'data',
  'authorization',
  'cookie',
  'query',
  'search',
];
const REDACT_PATHS = REDACTED_KEYS.flatMap((key) => [key, `*.${key}`]);

function createLogger(destination?: DestinationStream, level: string = readLogLevel()): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: describeError, error: describeError, cause: describeError },
    },
    // Synchronous writes: a line is out before process.exit() and in the order events happened.
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

const globalForLog = globalThis as unknown as { __portalLogger?: Logger };

/** The process's logger (shared by Next's bundles and scripts through globalThis). */
export const logger: Logger = (globalForLog.__portalLogger ??= createLogger());

/** A logger writing to `destination` at `level` (whatever LOG_LEVEL says), for tests that read what would be logged. */
export function createTestLogger(destination: DestinationStream, level = 'debug'): Logger {
  return createLogger(destination, level);
}

const CONSOLE_LEVELS = { log: 'info', info: 'info', debug: 'debug', warn: 'warn', error: 'error', trace: 'debug' } as const;

/**
 * Sends console.* through the logger, so what Next and libraries print (Next prints every error a
 * page, an action or a route handler throws) is one JSON line, with errors described safely and
 * free text scrubbed. Installed once per server or worker process.
 */
export function installConsoleBridge(target: Logger = logger): void {
  const marker = console as unknown as { __portalBridge?: boolean };
  if (marker.__portalBridge) return;
  marker.__portalBridge = true;
  for (const [method, level] of Object.entries(CONSOLE_LEVELS) as [keyof typeof CONSOLE_LEVELS, (typeof CONSOLE_LEVELS)[keyof typeof CONSOLE_LEVELS]][]) {
    console[method] = (...args: unknown[]) => {
      if (!target.isLevelEnabled(level)) return;
      const error = args.find((arg): arg is Error => arg instanceof Error);
      const rest = args.filter((arg) => arg !== error).map((arg) => (typeof arg === 'object' && arg !== null ? describeObject(arg) : arg));
      // Next prefixes what it prints with a symbol ("⨯ ", "⚠ "): keep only the words.
      const text = scrubText(format(...rest))
        .replace(/^[⨯✓▲○⚠✗]\s*/u, '')
        .trim();
      if (error) target[level]({ err: error, source: 'console' }, text || describeError(error).message);
      else target[level]({ source: 'console' }, text);
    };
  }
}

// Objects passed to console are printed as names and shapes, never their values.
function describeObject(value: object): string {
  if (Array.isArray(value)) return `[array of ${value.length}]`;
  return `{${Object.keys(value).slice(0, 10).join(', ')}}`;
}
