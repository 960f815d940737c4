import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS_FILE } from '@/lib/security/password-policy';
import { RUNTIME_FILES } from '../../scripts/runtime-files.mjs';

const root = path.resolve(import.meta.dirname, '../..');

// The standalone copy itself is checked by scripts/standalone.mjs, which fails the build when a listed
// file is missing; here, that the list is complete.
describe('files read at run time (copied into the standalone output by scripts/standalone.mjs)', () => {
  it('lists the common-password file that the password policy reads, and every listed file exists', () => {
    expect(RUNTIME_FILES).toContain(COMMON_PASSWORDS_FILE);
    expect(RUNTIME_FILES).toContain('db/migrations');
    for (const file of RUNTIME_FILES) expect(existsSync(path.join(root, file)), file).toBe(true);
  });

  it('keeps the common-password list as data: one password a line, about 10,000 of them', () => {
    const lines = readFileSync(path.join(root, COMMON_PASSWORDS_FILE), 'utf8').split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(10_000);
    expect(lines).toContain('azerty123');
  });
});
