// Errors as they may be written to a log: no query parameters, no values quoted by PostgreSQL,
// no email addresses, no credentials. Pure (no server-only): the logger, the console bridge and
// unit tests use it.
//
// Where personal data hides in errors:
// - Drizzle's DrizzleQueryError: its message is "Failed query: <sql>\nparams: <values>" and it
//   carries `params` (user ids, the text of draft answers).
// - postgres.js's PostgresError: `detail` quotes values ("Key (email)=(…) already exists"), some
//   messages quote the offending input ('invalid input syntax for type uuid: "…"'); with `debug`
//   it also carries `parameters`.
// - Any error printed with util.inspect shows its enumerable properties: the above and more.

export type SafeError = {
  type: string;
  message: string;
  code?: string;
  /** PostgreSQL names only (constraint, table, column): useful to an operator, never a value. */
  constraint?: string;
  table?: string;
  column?: string;
  stack?: string;
  cause?: SafeError;
};

const MAX_DEPTH = 3;
const MAX_FRAMES = 12;

/** Removes values from free text: parameter lists, quoted inputs, emails, credentials in URLs, bearer tokens. */
export function scrubText(text: string): string {
  return (
    text
      // Colours of terminal output (Next's "⨯" prefix): meaningless in a JSON line.
      .replace(/\u001b\[[0-9;]*m/g, '')
      // Drizzle's "params: …" runs to the end of the message; in a printed stack or inspected object
      // it runs until the stack frames or the next property.
      .replace(/\bparams: [\s\S]*?(?=\n\s+at |\n\s*[a-zA-Z_]+: |\n\s*[}\]]|$)/g, 'params: [redacted]')
      .replace(/\b(parameters|params|detail|args): \[[\s\S]*?\](?=,?\n)/g, '$1: [redacted]')
      .replace(/\bdetail: '[\s\S]*?'(?=,?\n)/g, "detail: '[redacted]'")
      // PostgreSQL quotes the rejected input: invalid input syntax for type integer: "abc".
      .replace(/(for type [\w ]+?: )"[^"]*"/g, '$1"[redacted]"')
      .replace(/(value|Key \([^)]*\))=\([^)]*\)/g, '$1=([redacted])')
      .replace(/[^\s@"'<>(),;:=]+@[^\s@"'<>(),;:=]+\.[a-z]{2,}/gi, '[email]')
      .replace(/\/\/[^@/\s]+@/g, '//***@')
      .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, '$1 [redacted]')
  );
}

// Bundled code renames classes ("e", "l"): name the two kinds that matter by their shape.
function nameOf(error: Error): string {
  if (isDrizzleQueryError(error)) return 'DrizzleQueryError';
  if ('severity' in error && 'code' in error && 'routine' in error) return 'PostgresError';
  const name = error.name && error.name !== 'Error' ? error.name : error.constructor?.name;
  return name && name.length > 2 ? name : 'Error';
}

function isDrizzleQueryError(error: Error): error is Error & { query: string; params: unknown } {
  return 'query' in error && 'params' in error && typeof (error as { query: unknown }).query === 'string';
}

function stackFrames(error: Error): string | undefined {
  if (!error.stack) return undefined;
  const frames = error.stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, MAX_FRAMES);
  return frames.length > 0 ? frames.map((frame) => frame.trim()).join('\n') : undefined;
}

function stringProperty(error: Error, key: string): string | undefined {
  const value = (error as unknown as Record<string, unknown>)[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** What of an error may be logged. Never reads `params`, `parameters`, `detail` or `where`. */
export function describeError(error: unknown, depth = 0): SafeError {
  if (!(error instanceof Error)) {
    return { type: typeof error, message: scrubText(typeof error === 'string' ? error : safeJson(error)) };
  }
  const message = isDrizzleQueryError(error) ? `Failed query: ${error.query}` : error.message;
  const safe: SafeError = { type: nameOf(error), message: scrubText(message) };
  const code = stringProperty(error, 'code');
  if (code) safe.code = code;
  const constraint = stringProperty(error, 'constraint_name');
  if (constraint) safe.constraint = constraint;
  const table = stringProperty(error, 'table_name');
  if (table) safe.table = table;
  const column = stringProperty(error, 'column_name');
  if (column) safe.column = column;
  const stack = stackFrames(error);
  if (stack) safe.stack = stack;
  if (error.cause !== undefined && depth < MAX_DEPTH) safe.cause = describeError(error.cause, depth + 1);
  return safe;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** One line for humans: "Type: message (code) ← cause". */
export function summarizeError(error: unknown): string {
  const safe = describeError(error);
  let line = `${safe.type}: ${safe.message}${safe.code ? ` (${safe.code})` : ''}`;
  for (let cause = safe.cause; cause; cause = cause.cause) line += ` ← ${cause.type}: ${cause.message}`;
  return line.split('\n').join(' ');
}
