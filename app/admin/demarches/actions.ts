'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { adminAction, echoAllValues } from '@/lib/auth/admin-action';
import { getDb } from '@/lib/db';
import { createProcedure } from '@/lib/administration/procedures/create-procedure';
import { createProcedureSchema } from '@/lib/administration/procedures/schemas';

export const createProcedureAction = adminAction(createProcedureSchema, async (input, user, formData) => {
  const result = await createProcedure(await getDb(), user, input);
  if (!result.ok) return { ok: false, fieldErrors: result.fieldErrors, values: echoAllValues(formData) };
  revalidatePath('/admin/demarches');
  redirect(`/admin/demarches/${result.id}?creee=1`);
});
