import 'server-only';
import { cache } from 'react';
import { getCurrentUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { isUuid } from '@/lib/common/uuid';
import { getProcedureForEditing } from '@/lib/administration/procedures/get-procedure-for-editing';

/** The working version the preview shows: administrators only, anyone else finds nothing (404). One query per request. */
export const loadPreview = cache(async (id: string) => {
  const user = await getCurrentUser();
  if (!user || user.role !== 'admin' || !isUuid(id)) return null;
  return getProcedureForEditing(await getDb(), user, id);
});
