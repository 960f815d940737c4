import { describe, expect, it } from 'vitest';
import { checkPassword, PASSWORD_MAX_LENGTH } from '@/lib/security/password-policy';

describe('checkPassword (CNIL 2022: length, no composition rules, common passwords refused)', () => {
  it('accepts a 12-character passphrase without any composition rule', () => {
    expect(checkPassword('jardin vert lune')).toBeNull();
    expect(checkPassword('abcdefghijkz')).toBeNull();
  });

  it('refuses fewer than 12 characters, counting accented letters as one', () => {
    expect(checkPassword('Tr0ub4dor&3')).toMatch(/au moins 12 caractères/);
    expect(checkPassword('éléphantété')).toMatch(/au moins 12 caractères/); // 11 characters, 14 bytes
    expect(checkPassword('éléphantétés')).toBeNull();
  });

  it('accepts up to at least 128 characters and refuses beyond the maximum', () => {
    expect(checkPassword('a-long-passphrase '.repeat(8).slice(0, 128))).toBeNull();
    expect(checkPassword('x'.repeat(PASSWORD_MAX_LENGTH - 1) + 'y')).not.toMatch(/au plus/);
    expect(checkPassword('ab'.repeat(PASSWORD_MAX_LENGTH))).toMatch(/au plus/);
  });

  it('refuses the most common passwords, whatever the case', () => {
    expect(checkPassword('qwerty123456')).toMatch(/plus courants/);
    expect(checkPassword('1Q2W3E4R5T6Y')).toMatch(/plus courants/);
    expect(checkPassword('azertyuiopqsdfghjklm')).toMatch(/plus courants/);
  });

  it('refuses a common password followed by a predictable tail of digits or symbols', () => {
    expect(checkPassword('motdepasse2026!')).toMatch(/plus courants/);
    expect(checkPassword('Password123456')).toMatch(/plus courants/);
    expect(checkPassword('soleil!!!!!!!!')).toMatch(/plus courants/);
  });

  it('refuses repeated characters and personal data', () => {
    expect(checkPassword('aaaaaaaaaaaaaaaa')).toMatch(/répétés/);
    expect(checkPassword('jean.dupont-lyon', { email: 'jean.dupont-lyon@example.org' })).toMatch(/adresse de courriel ou votre nom/);
    expect(checkPassword('martineau2026!!', { names: ['Martineau'] })).toMatch(/votre nom/);
  });
});
