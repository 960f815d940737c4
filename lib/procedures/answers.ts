// The canonical shape of a dossier's answers (`dossiers.data`), shared by the form engine
// (lib/procedures/compile-step.ts), the drafts (lib/dossiers) and the autosave endpoint.
// Pure module: also used in the browser.
//
// Stored value per field type: each type's module says it (lib/procedures/fields/<type>.ts, its
// `answer.isCanonical`): a string for most types, a number, a boolean (yesno), a list of strings
// (checkboxes, file: attachment ids) or an AddressAnswer; an information text stores nothing.
// A field left empty is absent from `data` (or null while a draft is being edited).

export type AddressAnswer = { line1: string; line2?: string; postalCode: string; city: string };

export type AnswerValue = string | number | boolean | string[] | AddressAnswer | null;

export type Answers = Record<string, AnswerValue>;

/** Limits of one autosave request: a draft never grows without bound. */
export const AUTOSAVE_MAX_BYTES = 64 * 1024;
export const ANSWER_MAX_STRING = 10_000;
