import type { Executor } from '@/db/client';
import { recoveryCodes, secondFactors } from '@/db/schema';
import { generateRecoveryCodes, hashRecoveryCode } from '@/lib/auth/second-factor/recovery-codes';
import type { SecretBox } from '@/lib/auth/second-factor/secret-box';
import { decodeTotpSecret } from '@/lib/auth/second-factor/totp';
import { generateTotpSecret } from '@/lib/auth/second-factor/verify';

/**
 * Enrols a back-office account straight in the database, as a finished enrolment leaves it:
 * the secret encrypted with `box`, ten hashed recovery codes. Returns both in clear for the test.
 */
export async function enrolSecondFactor(db: Executor, userId: string, box: SecretBox, options: { secret?: string; lastUsedStep?: number } = {}) {
  const secret = options.secret ?? generateTotpSecret();
  const codes = generateRecoveryCodes();
  await db.insert(secondFactors).values({ userId, secretCiphertext: box.encrypt(userId, decodeTotpSecret(secret)), lastUsedStep: options.lastUsedStep ?? 0 });
  await db.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })));
  return { secret, recoveryCodes: codes };
}
