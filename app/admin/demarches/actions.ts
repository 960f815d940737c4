'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { adminAction } from '@/lib/actions/define-action';
import { echoAllValues } from '@/lib/actions/result';
import { getDb } from '@/lib/db';
import { createProcedure } from '@/lib/administration/procedures/create-procedure';
import { createProcedureSchema } from '@/lib/administration/procedures/schemas';
import { procedureFailure } from './messages';

export const createProcedureAction = adminAction(createProcedureSchema, async (input, user, formData) => {
  const result = await createProcedure(await getDb(), user, input);
  if (!result.ok) return { ...procedureFailure(result, { kind: 'edit' }), values: echoAllValues(formData) };
  revalidatePath('/admin/demarches');
  redirect(`/admin/demarches/${result.id}?creee=1`);
});
