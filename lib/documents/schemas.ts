import { z } from 'zod';
import { isChosenFile } from './chosen-file';
import { DOCUMENT_KIND_KEYS, isCalendarDate, todayInParis } from './validity';

// Porte-documents and pièces justificatives forms: one schema per form, shared by the browser and
// the server action. Pure module. The file itself is checked by content in check-upload.ts: here
// only "a file was chosen".

export const TITLE_MAX = 120;

const title = z
  .string({ error: 'Saisissez un titre pour le document.' })
  .trim()
  .min(1, 'Saisissez un titre pour le document, par exemple « Justificatif de domicile ».')
  .max(TITLE_MAX, `Le titre doit contenir ${TITLE_MAX} caractères au maximum.`);

const id = z.string().max(64);

export { isChosenFile };

const chosenFile = z.custom<File>(isChosenFile, { error: 'Choisissez le fichier à ajouter.' });

// An empty input or choice means "not said": stored as null.
const blankToNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);

const kind = z.preprocess(blankToNull, z.enum(DOCUMENT_KIND_KEYS, { error: 'Choisissez un type de document dans la liste.' }).nullable().default(null));

const calendarDate = (message: string) =>
  z.preprocess(
    blankToNull,
    z
      .string()
      .trim()
      .refine(isCalendarDate, message)
      // Not absurd: no document of the 19th century, none valid beyond the 21st.
      .refine((value) => value >= '1900-01-01' && value <= '2099-12-31', 'Vérifiez l’année de cette date.')
      .nullable()
      .default(null),
  );

/** Type, date of issue and expiry date: all optional; the dates are checked against each other and today. */
const validityFields = {
  kind,
  issuedOn: calendarDate('Saisissez la date de délivrance au format jj/mm/aaaa, par exemple 12/01/2026.'),
  expiresOn: calendarDate('Saisissez la date d’expiration au format jj/mm/aaaa, par exemple 12/01/2030.'),
};

function checkDates(value: { issuedOn: string | null; expiresOn: string | null }, ctx: z.RefinementCtx) {
  if (value.issuedOn && value.issuedOn > todayInParis(new Date())) {
    ctx.addIssue({ code: 'custom', path: ['issuedOn'], message: 'La date de délivrance ne peut pas être dans le futur.' });
  }
  if (value.issuedOn && value.expiresOn && value.expiresOn <= value.issuedOn) {
    ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'La date d’expiration doit être après la date de délivrance.' });
  }
}

// Adding a document: no title means the file's name, without its extension.
const optionalTitle = z.preprocess(blankToNull, title.nullable().default(null));
/** "Facture mars.pdf" → "Facture mars", cut to the title's length. */
export function titleFromFileName(name: string): string {
  const base = name.replace(/\.[^.]*$/, '').trim() || name.trim();
  return base.slice(0, TITLE_MAX);
}
export const addDocumentSchema = z
  .object({ title: optionalTitle, file: chosenFile, ...validityFields })
  .superRefine(checkDates)
  .transform((value) => ({ ...value, title: value.title ?? titleFromFileName(value.file.name) }));
export const renameDocumentSchema = z.object({ id, title, ...validityFields }).superRefine(checkDates);
export const deleteDocumentSchema = z.object({ id });
