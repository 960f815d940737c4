'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getAccountContext } from '@/lib/accounts/app-context';
import { echoValues } from '@/lib/actions/result';
import { adminAction } from '@/lib/actions/define-action';
import { addAgent } from '@/lib/administration/add-agent';
import { grantProcedureAccess } from '@/lib/administration/grant-procedure-access';
import { changeAgentRole } from '@/lib/administration/change-agent-role';
import { resetSecondFactor } from '@/lib/administration/reset-second-factor';
import { addAgentSchema, procedureAccessSchema, changeRoleSchema, resetSecondFactorSchema, withdrawAccessSchema } from '@/lib/administration/schemas';
import { withdrawProcedureAccess } from '@/lib/administration/withdraw-procedure-access';
import { withdrawBackOfficeAccess } from '@/lib/administration/withdraw-back-office-access';
import { getDb } from '@/lib/db';
import { agentsFailure } from './messages';

// Row actions redirect with a flash parameter: the row may change or disappear, the message stays.
function done(flash: string): never {
  revalidatePath('/admin/agents');
  redirect(`/admin/agents?${flash}=1`);
}

export const addAgentAction = adminAction(addAgentSchema, async (input, user, formData) => {
  const result = await addAgent(await getAccountContext(), user, input);
  if (!result.ok) return { ...agentsFailure(result.reason), values: echoValues(formData) };
  revalidatePath('/admin/agents');
  return {
    ok: true,
    message: result.data!.created
      ? `Le compte de ${input.email} est créé. Un courriel lui permet de choisir son mot de passe (lien valable 72 heures).`
      : `${input.email} a maintenant accès à l’espace agents. Ses sessions ouvertes ont été fermées ; un courriel l’en informe.`,
  };
});

export const changeRoleAction = adminAction(changeRoleSchema, async (input, user) => {
  const result = await changeAgentRole(await getDb(), user, input);
  if (!result.ok) return agentsFailure(result.reason);
  done('role');
});

export const withdrawAction = adminAction(withdrawAccessSchema, async (input, user) => {
  const result = await withdrawBackOfficeAccess(await getDb(), user, input);
  if (!result.ok) return agentsFailure(result.reason);
  done('retrait');
});

export const grantProcedureAccessAction = adminAction(procedureAccessSchema, async (input, user) => {
  const result = await grantProcedureAccess(await getDb(), user, input);
  if (!result.ok) return agentsFailure(result.reason);
  done('affectation');
});

export const withdrawProcedureAccessAction = adminAction(procedureAccessSchema, async (input, user) => {
  const result = await withdrawProcedureAccess(await getDb(), user, input);
  if (!result.ok) return agentsFailure(result.reason);
  done('desaffectation');
});

export const resetSecondFactorAction = adminAction(resetSecondFactorSchema, async (input, user) => {
  const result = await resetSecondFactor(await getDb(), user, input);
  if (!result.ok) return agentsFailure(result.reason);
  done('double-authentification');
});
