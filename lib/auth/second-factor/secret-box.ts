import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

// TOTP secrets are stored encrypted (AES-256-GCM): a copy of the database alone does not let
// anyone compute an agent's codes. The key is derived (HKDF-SHA-256) from TOTP_ENCRYPTION_KEY, or
// from AUTH_SECRET when it is unset. The user id is bound as associated data, so a ciphertext
// copied onto another account's row does not decrypt.
// Pure: the key material is a parameter (portal-secret-box.ts reads it from the environment), so
// seeding scripts and end-to-end fixtures can encrypt with the key of the server they prepare.

export type SecretBox = {
  encrypt(userId: string, secret: Uint8Array): string;
  /** Null when the ciphertext is not ours (another key, altered, another account's). */
  decrypt(userId: string, ciphertext: string): Uint8Array | null;
};

const VERSION = 'v1';

export function createSecretBox(keyMaterial: string): SecretBox {
  const key = Buffer.from(hkdfSync('sha256', keyMaterial, 'portail/second-factor', 'totp-secret-v1', 32));
  return {
    encrypt(userId, secret) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(userId));
      const body = Buffer.concat([cipher.update(secret), cipher.final(), cipher.getAuthTag()]);
      return `${VERSION}:${iv.toString('base64url')}:${body.toString('base64url')}`;
    },
    decrypt(userId, ciphertext) {
      const [version, ivText, bodyText] = ciphertext.split(':');
      if (version !== VERSION || !ivText || !bodyText) return null;
      const body = Buffer.from(bodyText, 'base64url');
      if (body.length < 17) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'));
        decipher.setAAD(Buffer.from(userId));
        decipher.setAuthTag(body.subarray(body.length - 16));
        return new Uint8Array(Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]));
      } catch {
        return null;
      }
    },
  };
}
