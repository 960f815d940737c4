'use server';

import { parseForm, type ActionResult } from '@/lib/auth/action';
import { recoveryCodeSchema } from '@/lib/auth/second-factor/schemas';
import { invalidCode, signInWithSecondFactor } from '../second-factor';

export async function verifyRecoveryCodeAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const parsed = parseForm(recoveryCodeSchema, formData);
  if (!parsed.success) return invalidCode(parsed.error);
  return signInWithSecondFactor('recovery', parsed.data.code, formData);
}
