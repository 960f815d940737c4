import { z } from 'zod';
import { civilities } from '@/lib/common/civilities';

export { civilities };
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@/lib/security/password-rules';

// One schema per form, shared by the browser (react-hook-form) and the server action.
// Pure module: safe to import from client components.

const trimmed = (max: number) => z.string().trim().max(max, `Ce champ doit contenir au plus ${max} caractères.`);
const requiredText = (message: string, max = 100) => trimmed(max).min(1, message);
const optionalText = (max = 100) => trimmed(max).optional().transform((v) => (v ? v : undefined));

export const emailField = z
  .string({ error: 'Saisissez votre adresse de courriel.' })
  .trim()
  .min(1, 'Saisissez votre adresse de courriel.')
  .max(254, 'L’adresse de courriel est trop longue.')
  .pipe(z.email({ error: 'Saisissez une adresse de courriel valide, par exemple nom@exemple.fr.' }))
  .transform((value) => value.toLowerCase());

// The policy (common passwords, personal data) is checked on the server by checkPassword();
// the browser only checks the length, so the common-password list is not shipped to clients.
export const newPasswordField = z
  .string({ error: 'Saisissez un mot de passe.' })
  .min(1, 'Saisissez un mot de passe.')
  .refine((v) => [...v].length >= PASSWORD_MIN_LENGTH, `Le mot de passe doit contenir au moins ${PASSWORD_MIN_LENGTH} caractères.`)
  .refine((v) => [...v].length <= PASSWORD_MAX_LENGTH, `Le mot de passe doit contenir au plus ${PASSWORD_MAX_LENGTH} caractères.`);

const currentPasswordField = z
  .string({ error: 'Saisissez votre mot de passe actuel.' })
  .min(1, 'Saisissez votre mot de passe actuel.')
  .max(1024, 'Mot de passe incorrect.');

export const signUpSchema = z.object({
  email: emailField,
  password: newPasswordField,
  firstNames: requiredText('Saisissez votre prénom.'),
  lastName: requiredText('Saisissez votre nom.'),
});

export const signInSchema = z.object({
  email: emailField,
  password: z.string({ error: 'Saisissez votre mot de passe.' }).min(1, 'Saisissez votre mot de passe.').max(1024),
});

export const emailOnlySchema = z.object({ email: emailField });

export const resetPasswordSchema = z.object({ password: newPasswordField });


export const profileSchema = z.object({
  civility: z.enum(['', ...civilities], { error: 'Choisissez une civilité.' }).optional().transform((v) => v || undefined),
  birthName: requiredText('Saisissez votre nom de naissance.'),
  usageName: optionalText(),
  firstNames: requiredText('Saisissez vos prénoms.', 150),
  birthDate: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))), 'Saisissez une date de naissance valide, par exemple 27/03/1985.')
    .refine((v) => v === undefined || (v > '1900-01-01' && Date.parse(v) <= Date.now()), 'La date de naissance doit être dans le passé.'),
  birthPlace: optionalText(),
  addressLine1: optionalText(150),
  addressLine2: optionalText(150),
  postalCode: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || /^\d{5}$/.test(v), 'Le code postal doit contenir 5 chiffres, par exemple 69001.'),
  city: optionalText(),
  phone: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.replace(/[\s.-]/g, '') : undefined))
    .refine((v) => v === undefined || /^(0\d{9}|\+\d{8,15})$/.test(v), 'Saisissez un numéro de téléphone valide, par exemple 06 12 34 56 78.'),
}).superRefine((value, ctx) => {
  const addressParts = [value.addressLine1, value.postalCode, value.city];
  if (addressParts.some(Boolean) && !addressParts.every(Boolean)) {
    if (!value.addressLine1) ctx.addIssue({ code: 'custom', path: ['addressLine1'], message: 'Saisissez le numéro et la voie.' });
    if (!value.postalCode) ctx.addIssue({ code: 'custom', path: ['postalCode'], message: 'Saisissez le code postal.' });
    if (!value.city) ctx.addIssue({ code: 'custom', path: ['city'], message: 'Saisissez la commune.' });
  }
});

export const changeEmailSchema = z.object({ newEmail: emailField, currentPassword: currentPasswordField });

export const changePasswordSchema = z.object({ currentPassword: currentPasswordField, newPassword: newPasswordField });

const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());

export const preferencesSchema = z.object({
  emailOnStatusChange: checkbox,
  emailOnMessage: checkbox,
  emailOnResponse: checkbox,
});

export const deleteAccountSchema = z.object({
  currentPassword: currentPasswordField,
  confirm: checkbox.refine((v) => v, 'Cochez la case pour confirmer la suppression définitive.'),
});

/** "Confirmez votre mot de passe" before the data export is downloaded. */
export const confirmPasswordSchema = z.object({ currentPassword: currentPasswordField });

export type SignUpInput = z.infer<typeof signUpSchema>;
export type ProfileInput = z.infer<typeof profileSchema>;
export type PreferencesInput = z.infer<typeof preferencesSchema>;
