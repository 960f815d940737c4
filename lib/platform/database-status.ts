// Whether this process can reach its database right now: a flag that every query's outcome and a
// small background probe keep up to date (decision 020). proxy.ts reads it to answer a French 503
// page at once during an outage, instead of letting each page wait for its query to fail.
// No server-only: proxy.ts imports it. Kept on globalThis: the proxy and the pages are separate bundles.

type Status = { down: boolean; since: number; inFlight: number; onChange?: (down: boolean) => void };

const holder = globalThis as unknown as { __portalDatabaseStatus?: Status };

function status(): Status {
  holder.__portalDatabaseStatus ??= { down: false, since: Date.now(), inFlight: 0 };
  return holder.__portalDatabaseStatus;
}

// Node's socket errors and postgres.js's own codes for a connection that could not be made or was
// lost; PostgreSQL's class 08 (connection exception) and 57P0x (shutting down, cannot connect now).
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '57P01',
  '57P02',
  '57P03',
]);

/** Whether an error (or one of its causes: Drizzle wraps the driver's) means the database cannot be reached. */
export function isDatabaseUnavailableError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
  if (error instanceof AggregateError && error.errors.some((e) => isDatabaseUnavailableError(e, depth + 1))) return true;
  return isDatabaseUnavailableError((error as { cause?: unknown }).cause, depth + 1);
}

export function isDatabaseKnownDown(): boolean {
  return status().down;
}

export function markDatabaseDown(): void {
  const current = status();
  if (current.down) return;
  current.down = true;
  current.since = Date.now();
  current.onChange?.(true);
}

export function markDatabaseUp(): void {
  const current = status();
  if (!current.down) return;
  current.down = false;
  current.since = Date.now();
  current.onChange?.(false);
}

/** Called on every change (the logger and the metrics listen; this module stays free of imports). */
export function onDatabaseStatusChange(listener: (down: boolean) => void): void {
  status().onChange = listener;
}

/** Settles a database call: a connection failure marks the database down, any answer marks it up. */
export function recordDatabaseOutcome(error: unknown): void {
  if (error === undefined) markDatabaseUp();
  else if (isDatabaseUnavailableError(error)) markDatabaseDown();
  // Any other error (a constraint, a statement timeout) came from a database that answered.
  else markDatabaseUp();
}

export function changeInFlight(delta: 1 | -1): number {
  const current = status();
  current.inFlight = Math.max(0, current.inFlight + delta);
  return current.inFlight;
}

export function readInFlight(): number {
  return status().inFlight;
}
