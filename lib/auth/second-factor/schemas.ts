import { z } from 'zod';
import { looksLikeRecoveryCode, normalizeTotpCode } from './code-format';

// Inputs of the second-factor pages. Pure module: the forms import it too.

export const totpCodeSchema = z.object({
  code: z
    .string({ error: 'Saisissez le code à 6 chiffres affiché par votre application.' })
    .trim()
    .min(1, 'Saisissez le code à 6 chiffres affiché par votre application.')
    .max(20, 'Le code compte 6 chiffres, par exemple 123456.')
    .refine((v) => /^\d{6}$/.test(normalizeTotpCode(v)), 'Le code compte 6 chiffres, par exemple 123456.'),
});

export const recoveryCodeSchema = z.object({
  code: z
    .string({ error: 'Saisissez un de vos codes de secours.' })
    .trim()
    .min(1, 'Saisissez un de vos codes de secours.')
    .max(40, 'Un code de secours compte 16 lettres et chiffres, par exemple abcd-efgh-jkmn-pqrs.')
    .refine(looksLikeRecoveryCode, 'Un code de secours compte 16 lettres et chiffres, par exemple abcd-efgh-jkmn-pqrs.'),
});

/** What the 'second-factor' Auth.js provider receives from the actions. */
export const secondFactorCredentialsSchema = z.object({
  method: z.enum(['totp', 'recovery', 'enrol']),
  code: z.string().max(40),
});
export type SecondFactorMethod = z.infer<typeof secondFactorCredentialsSchema>['method'];
