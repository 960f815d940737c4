// Whether a file input holds a chosen file. Apart from ./schemas.ts, which builds zod schemas at
// import time: the step form (browser) needs this test, not the Porte-documents schemas (decision 019).

// Names an untouched file input's empty part gets on the way: "" from a plain form post;
// "undefined" once Next's server-action decoder has turned it into a File (seen with Next 16.4);
// "blob", the default name of a File built without one.
const PLACEHOLDER_NAMES = new Set(['', 'undefined', 'blob']);

/**
 * Whether a file was chosen. An untouched file input still posts an empty part; an empty file
 * the citizen did choose has a real name, and is refused later with its own message.
 */
export function isChosenFile(value: unknown): value is File {
  return typeof File !== 'undefined' && value instanceof File && (value.size > 0 || !PLACEHOLDER_NAMES.has(value.name));
}
