import { describe, expect, it } from 'vitest';
import { regexes, z } from 'zod';
import { EMAIL_PATTERN } from '@/lib/procedures/fields/email';

// The email field checks addresses with zod's pattern, copied so that the step page loads no zod
// for it (decision 019). If zod changes its rule, the copy must follow: this test says so.
describe('email field pattern', () => {
  it('is zod’s email pattern, character for character', () => {
    expect(EMAIL_PATTERN.source).toBe(regexes.email.source);
    expect(EMAIL_PATTERN.flags).toBe(regexes.email.flags);
  });

  it.each(['nom@exemple.fr', 'jean.dupont+mairie@ville-exemple.fr', "o'neil@exemple.org"])('accepts %s, as zod does', (address) => {
    expect(EMAIL_PATTERN.test(address)).toBe(true);
    expect(z.email().safeParse(address).success).toBe(true);
  });

  it.each(['nom@exemple', 'nom@@exemple.fr', '.nom@exemple.fr', 'nom..prenom@exemple.fr', 'nom @exemple.fr'])('refuses %s, as zod does', (address) => {
    expect(EMAIL_PATTERN.test(address)).toBe(false);
    expect(z.email().safeParse(address).success).toBe(false);
  });
});
