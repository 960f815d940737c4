import 'server-only';
import { hash, verify } from '@node-rs/argon2';

// Argon2id with OWASP's minimum recommended parameters (Password Storage Cheat Sheet:
// m=19 MiB, t=2, p=1): about 20 MiB and a few tens of milliseconds per hash, which keeps
// offline cracking expensive without letting a burst of sign-ins exhaust the server's memory.
// Raise them together with the server's capacity; existing hashes keep their own parameters
// (they are encoded in the PHC string), so verification keeps working.
const options = {
  // The package's `Algorithm` is an ambient const enum, which isolatedModules cannot read: 2 = Argon2id.
  algorithm: 2,
  memoryCost: 19456, // KiB
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(plain: string): Promise<string> {
  return hash(plain, options);
}

/** False for a wrong password and for a malformed hash alike: the caller only needs yes or no. */
export async function verifyPassword(passwordHash: string, plain: string): Promise<boolean> {
  try {
    return await verify(passwordHash, plain);
  } catch {
    return false;
  }
}
