import { z } from 'zod';
import { civilities } from '@/lib/common/civilities';
import { organisationSubtypes, personSubtypes } from './kinds';
import { isValidSiret, normalizeSiret } from './siret';

export { civilities };
export * from './kinds';

// "Mes relations" forms: one schema per form, shared by the browser and the server action.
// Pure module: safe to import from client components.

export const SIRET_INVALID_MESSAGE = "Le numéro SIRET n'est pas valide : vérifiez les 14 chiffres.";

const trimmed = (max: number) => z.string().trim().max(max, `Ce champ doit contenir au plus ${max} caractères.`);
const requiredText = (message: string, max = 100) => z.string({ error: message }).pipe(trimmed(max).min(1, message));
const optionalText = (max = 100) => trimmed(max).optional().transform((v) => (v ? v : undefined));

const FRENCH_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2017-09-03" (date inputs) or "03/09/2017" (typed, where a browser has no date picker) → ISO, if the day exists. */
export function parseDate(value: string): string | null {
  const french = FRENCH_DATE.exec(value);
  const iso = french ? `${french[3]}-${french[2].padStart(2, '0')}-${french[1].padStart(2, '0')}` : value;
  const match = ISO_DATE.exec(iso);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Date.UTC rolls 30 February over to March: a real day comes back unchanged.
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? iso : null;
}

/** Today's date in France, as ISO: a child born this morning in Paris is not "in the future" on a UTC server. */
export function todayInFrance(now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const birthDateField = z
  .string({ error: 'Saisissez la date de naissance.' })
  .trim()
  .min(1, 'Saisissez la date de naissance.')
  .transform((value, ctx) => {
    const iso = parseDate(value);
    if (iso) return iso;
    ctx.addIssue({ code: 'custom', message: 'Saisissez une date de naissance valide, par exemple 27/03/2015.' });
    return z.NEVER;
  })
  .refine((v) => v >= '1900-01-01', 'La date de naissance ne peut pas être antérieure au 1er janvier 1900.')
  .refine((v) => v <= todayInFrance(), 'La date de naissance doit être dans le passé.');

const postalCodeField = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .refine((v) => v === undefined || /^\d{5}$/.test(v), 'Le code postal doit contenir 5 chiffres, par exemple 69001.');

const addressFields = {
  addressLine1: optionalText(150),
  addressLine2: optionalText(150),
  postalCode: postalCodeField,
  city: optionalText(),
};

type AddressParts = { addressLine1?: unknown; postalCode?: unknown; city?: unknown };

/**
 * The address is all or nothing (required for organisations). It runs even when another field is
 * in error (`when`), so the citizen sees every problem of the form at once.
 */
function checkAddress(required: boolean) {
  return z.superRefine<AddressParts>(
    (value, ctx) => {
      const missing = (v: unknown) => typeof v !== 'string' || v.trim() === '';
      const parts = [value.addressLine1, value.postalCode, value.city];
      if (!required && parts.every(missing)) return;
      if (missing(value.addressLine1)) ctx.addIssue({ code: 'custom', path: ['addressLine1'], message: 'Saisissez le numéro et la voie.' });
      if (missing(value.postalCode)) ctx.addIssue({ code: 'custom', path: ['postalCode'], message: 'Saisissez le code postal.' });
      if (missing(value.city)) ctx.addIssue({ code: 'custom', path: ['city'], message: 'Saisissez la commune.' });
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );
}

export const personRelationSchema = z
  .object({
    subtype: z.enum(personSubtypes, { error: 'Indiquez le lien entre vous et cette personne.' }),
    civility: z
      .enum(['', ...civilities], { error: 'Choisissez une civilité.' })
      .optional()
      .transform((v) => v || undefined),
    birthName: requiredText('Saisissez le nom de naissance.'),
    usageName: optionalText(),
    firstNames: requiredText('Saisissez les prénoms.', 150),
    birthDate: birthDateField,
    birthPlace: optionalText(),
    ...addressFields,
  })
  .check(checkAddress(false));

export const organisationRelationSchema = z
  .object({
    subtype: z.enum(organisationSubtypes, { error: 'Indiquez s’il s’agit d’une association ou d’une entreprise.' }),
    legalName: requiredText('Saisissez la raison sociale.', 150),
    siret: z
      .string({ error: 'Saisissez le numéro SIRET.' })
      .transform(normalizeSiret)
      .pipe(
        z
          .string()
          .min(1, 'Saisissez le numéro SIRET.')
          // Not an aborting check: the address errors must still be reported in the same round.
          .refine((v) => v === '' || isValidSiret(v), SIRET_INVALID_MESSAGE),
      ),
    ownerRole: requiredText('Indiquez votre rôle dans cette structure.', 100),
    ...addressFields,
  })
  .check(checkAddress(true));

/** The confirmation of a deletion names the drafts it was shown with: see deleteRelation(). */
export const deleteRelationSchema = z.object({
  id: z.string().min(1),
  drafts: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').filter(Boolean) : [])),
});

/** Keys that may hold undefined become optional, so code other than the forms (seeds, tests) need not list them. */
type OptionalWhenUndefined<T> = { [K in keyof T as undefined extends T[K] ? K : never]?: T[K] } & { [K in keyof T as undefined extends T[K] ? never : K]: T[K] };

export type PersonRelationInput = OptionalWhenUndefined<z.output<typeof personRelationSchema>>;
export type OrganisationRelationInput = OptionalWhenUndefined<z.output<typeof organisationRelationSchema>>;
export type RelationInput = ({ kind: 'person' } & PersonRelationInput) | ({ kind: 'organisation' } & OrganisationRelationInput);
