'use server';

import { revalidatePath } from 'next/cache';
import { notFound, redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/auth/guards';
import { setAgentAssignments } from '@/lib/backoffice/assignments';
import { canManageAssignments } from '@/lib/backoffice/rules';
import { assignmentsSchema } from '@/lib/backoffice/schemas';
import { getDb } from '@/lib/db';

/** Saves the procedures entrusted to one agent (a plain form post: works without JavaScript). */
export async function saveAssignmentsAction(formData: FormData): Promise<void> {
  const user = await getCurrentUser();
  if (!user) redirect('/connexion?callbackUrl=%2Fadmin%2Fagents&expiree=1');
  if (!canManageAssignments(user.role)) notFound();
  // Checkboxes send one value per ticked box: read them all (parseForm keeps the last one only).
  const parsed = assignmentsSchema.safeParse({ agentId: formData.get('agentId'), procedureIds: formData.getAll('procedureIds') });
  if (!parsed.success) redirect('/admin/agents?erreur=1');
  const result = await setAgentAssignments(await getDb(), { id: user.id, role: user.role }, parsed.data.agentId, parsed.data.procedureIds);
  if (!result.ok) redirect('/admin/agents?erreur=1');
  revalidatePath('/admin/agents');
  revalidatePath('/admin');
  redirect(`/admin/agents?enregistre=${parsed.data.agentId}#agent-${parsed.data.agentId}`);
}
