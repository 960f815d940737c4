import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// "Le Porte-documents … vous est réservé et l'administration n'y a pas accès": no code path, route
// or query gives the back office a locker. This guard fails as soon as a module outside the
// citizen's own pages reads the locker table or the locker module (the back office, the
// administration's responses, any API route).

const ROOT = path.resolve(import.meta.dirname, '../..');

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(ROOT, dir), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const relative = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(relative);
      return Promise.resolve(/\.(ts|tsx)$/.test(entry.name) ? [relative] : []);
    }),
  );
  return nested.flat();
}

// Who may touch the locker: the locker itself, the citizen's locker pages, the draft step page
// (its drop-down list), the account's own deletion summary and data export (and its LISEZMOI),
// and the orphan-file sweeper, which reads storage keys only, to know which files are owned.
const ALLOWED = [
  /^lib\/documents\//,
  /^app\/porte-documents\//,
  /^app\/brouillons\/\[id\]\/\[step\]\/page\.tsx$/,
  /^lib\/accounts\/deletion\.ts$/,
  /^lib\/account-export\/(collect|readme)\.ts$/,
  /^lib\/lifecycle\/orphan-files\.ts$/,
  /^app\/compte\/export\//,
];

describe('the locker is out of the back office’s reach', () => {
  it('only the citizen’s own modules read the locker table or the locker module', async () => {
    const files = (await Promise.all(['app', 'lib', 'components'].map(sourceFiles))).flat();
    const readers: string[] = [];
    for (const file of files) {
      const text = await readFile(path.join(ROOT, file), 'utf8');
      if (/lockerDocuments|locker_documents|@\/lib\/documents\/locker['"]/.test(text)) readers.push(file);
    }
    expect(readers.length).toBeGreaterThan(3); // the scan does see the locker's own modules
    expect(readers.filter((file) => !ALLOWED.some((allowed) => allowed.test(file)))).toEqual([]);
    expect(readers.filter((file) => /^(app\/admin|lib\/processing|lib\/administration|components\/administration|app\/api)\//.test(file))).toEqual([]);
  });
});
