// The canonical shape of a dossier's answers (`dossiers.data`), shared by the form engine
// (lib/procedures/compile-step.ts), the drafts (lib/dossiers) and the autosave endpoint.
// Pure module: also used in the browser.
//
// Stored value per field type:
//   text, textarea, email, tel, date (YYYY-MM-DD), select, radio, siret (14 digits) → string
//   number → number            checkboxes → string[]            yesno → boolean
//   address → AddressAnswer    file → string[] (attachment ids, with the document-locker work)
//   info → never stored
// A field left empty is absent from `data` (or null while a draft is being edited).

export type AddressAnswer = { line1: string; line2?: string; postalCode: string; city: string };

export type AnswerValue = string | number | boolean | string[] | AddressAnswer | null;

export type Answers = Record<string, AnswerValue>;

/** Limits of one autosave request: a draft never grows without bound. */
export const AUTOSAVE_MAX_BYTES = 64 * 1024;
export const ANSWER_MAX_STRING = 10_000;
