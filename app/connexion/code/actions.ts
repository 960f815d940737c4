'use server';

import { parseForm, type ActionResult } from '@/lib/auth/action';
import { totpCodeSchema } from '@/lib/auth/second-factor/schemas';
import { invalidCode, signInWithSecondFactor } from '../second-factor';

export async function verifyCodeAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const parsed = parseForm(totpCodeSchema, formData);
  if (!parsed.success) return invalidCode(parsed.error);
  return signInWithSecondFactor('totp', parsed.data.code, formData);
}
