import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { LIB_LAYERS } from '../../eslint-rules/layers.mjs';

// The guard rails of docs/architecture.md, run through the project's own ESLint configuration on
// sources that break them (written nowhere: lintText with the path they would have).

const root = path.resolve(import.meta.dirname, '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'eslint.config.mjs') });
});

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return result.messages.filter((m) => m.ruleId === 'layers/imports').map((m) => m.message);
}

describe('the layers rule (eslint-rules/layers.mjs)', { timeout: 120_000 }, () => {
  it('refuses the database schema in app/, even in a test file', async () => {
    const errors = await layerErrors('app/demarches/layers.test.ts', "import { users } from '@/db/schema';\nexport const table = users;\n");
    expect(errors).toEqual(['app/ never imports db/ (the database schema and client): go through a lib/ use case or query.']);
  });

  it('refuses a relative import of db/ from components/', async () => {
    const errors = await layerErrors('components/forms/layers-check.tsx', "import { users } from '../../db/schema';\nexport const table = users;\n");
    expect(errors).toEqual(['components/ never imports db/ (the database schema and client): go through a lib/ use case or query.']);
  });

  it('refuses an import of a higher lib folder (the way back of a cycle), alias, relative or dynamic', async () => {
    const message =
      'lib/accounts may not import lib/auth: auth is a higher layer than accounts (LIB_LAYERS in eslint-rules/layers.mjs). Move the shared code down a layer or the caller up.';
    expect(await layerErrors('lib/accounts/layers-check.ts', "export { requireCitizen } from '@/lib/auth/guards';\n")).toEqual([message]);
    expect(await layerErrors('lib/accounts/layers-check.ts', "import { requireCitizen } from '../auth/guards';\nexport const guard = requireCitizen;\n")).toEqual([message]);
    expect(await layerErrors('lib/accounts/layers-check.ts', "export const load = () => import('@/lib/auth/guards');\n")).toEqual([message]);
  });

  it('accepts an import of a lower lib folder, and the UI importing lib/', async () => {
    expect(await layerErrors('lib/auth/layers-check.ts', "export { getProfile } from '@/lib/accounts/profile';\n")).toEqual([]);
    expect(await layerErrors('app/compte/layers-check.ts', "export { getDb } from '@/lib/db';\n")).toEqual([]);
  });

  it('refuses app/ and components/ from lib/ and db/, relative imports included', async () => {
    expect(await layerErrors('lib/dossiers/layers-check.ts', "export { StepForm } from '../../components/forms/step-form';\n")).toEqual([
      'lib/ never imports components/ (lib/ and db/ sit below the UI).',
    ]);
    expect(await layerErrors('db/layers-check.ts', "export { getEnv } from '../lib/env';\n")).toEqual(['db/ imports nothing from lib/.']);
  });
});

describe('LIB_LAYERS', () => {
  it('places every lib folder exactly once', () => {
    const folders = readdirSync(path.join(root, 'lib'), { withFileTypes: true }).map((entry) => entry.name.replace(/\.tsx?$/, ''));
    for (const folder of folders) expect(LIB_LAYERS, folder).toContain(folder);
    expect(new Set(LIB_LAYERS).size).toBe(LIB_LAYERS.length);
  });
});
