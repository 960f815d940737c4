import { z } from 'zod';

// Inputs of the agents page. Pure module: the forms may import it.

export const backOfficeRoles = ['agent', 'admin'] as const;
export type BackOfficeRole = (typeof backOfficeRoles)[number];
export const roleLabels: Record<'citizen' | BackOfficeRole, string> = { citizen: 'Usager', agent: 'Agent', admin: 'Administrateur' };

const userId = z.uuid({ error: 'Compte introuvable.' });
const role = z.enum(backOfficeRoles, { error: 'Choisissez le rôle : agent ou administrateur.' });

export const addAgentSchema = z.object({
  email: z
    .string({ error: 'Saisissez l’adresse de courriel de l’agent.' })
    .trim()
    .toLowerCase()
    .min(1, 'Saisissez l’adresse de courriel de l’agent.')
    .max(254, 'Adresse trop longue.')
    .pipe(z.email({ error: 'Saisissez une adresse de courriel valide, par exemple prenom.nom@mairie.fr.' })),
  role,
});
export type AddAgentInput = z.infer<typeof addAgentSchema>;

export const changeRoleSchema = z.object({ userId, role });
export type ChangeRoleInput = z.infer<typeof changeRoleSchema>;

export const withdrawAccessSchema = z.object({ userId });
export type WithdrawAccessInput = z.infer<typeof withdrawAccessSchema>;

export const resetSecondFactorSchema = z.object({ userId });
export type ResetSecondFactorInput = z.infer<typeof resetSecondFactorSchema>;

export const procedureAccessSchema = z.object({ userId, procedureId: z.uuid({ error: 'Choisissez une démarche.' }) });
export type ProcedureAccessInput = z.infer<typeof procedureAccessSchema>;

const isoDate = z.preprocess(
  (v) => (v === '' || v === undefined ? undefined : v),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Date attendue au format JJ/MM/AAAA.')
    .refine((v) => !Number.isNaN(Date.parse(v)), 'Cette date n’existe pas.')
    .optional(),
);

/** Filters of the journal (query string: works without JavaScript). */
export const journalFilterSchema = z
  .object({
    type: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^[a-z_]+(\.[a-z_]+)?$/, 'Type d’événement inconnu.').optional()),
    du: isoDate,
    au: isoDate,
    page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  })
  .superRefine((f, ctx) => {
    if (f.du && f.au && f.du > f.au) ctx.addIssue({ code: 'custom', path: ['au'], message: 'La date de fin précède la date de début.' });
  });
export type JournalFilter = z.infer<typeof journalFilterSchema>;
