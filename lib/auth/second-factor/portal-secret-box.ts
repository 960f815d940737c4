import 'server-only';
import { getEnv } from '@/lib/env';
import { getAuthSecret } from '@/lib/security/auth-secret';
import { createSecretBox, type SecretBox } from './secret-box';

let box: { material: string; box: SecretBox } | undefined;

/** The portal's box, keyed from the environment. */
export function getSecretBox(): SecretBox {
  const material = getEnv().TOTP_ENCRYPTION_KEY ?? getAuthSecret();
  if (box?.material !== material) box = { material, box: createSecretBox(material) };
  return box.box;
}
