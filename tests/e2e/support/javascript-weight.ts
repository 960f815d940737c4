import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';

// The first-load JavaScript of each page of the build, read from what `next build` writes
// (decision 019). Next 16 with Turbopack no longer prints it. A page's first load is what its HTML
// asks for: the framework's root files (.next/build-manifest.json `rootMainFiles`) and the chunks
// of every segment of the page's client reference manifest (layout, page, error, not-found,
// global-error: `entryJSFiles`). Chunks loaded later (next/dynamic, import()) are not counted; the
// `noModule` polyfills are not either: modern browsers never fetch them. Sizes are gzip at the
// default level, as `next start` compresses them.

export type RouteWeight = { route: string; files: string[]; bytes: number; gzipBytes: number };

const MANIFEST_SUFFIX = 'page_client-reference-manifest.js';

type ClientReferenceManifest = { entryJSFiles?: Record<string, string[]> };

function manifestsUnder(folder: string, found: string[] = []): string[] {
  for (const entry of readdirSync(folder)) {
    const file = path.join(folder, entry);
    if (statSync(file).isDirectory()) manifestsUnder(file, found);
    else if (entry.endsWith(MANIFEST_SUFFIX)) found.push(file);
  }
  return found;
}

/** "/brouillons/[id]/[step]/page" → "/brouillons/[id]/[step]"; "/page" → "/". */
function routeOf(entry: string): string {
  return entry.replace(/\/page$/, '') || '/';
}

export function measureBuild(distDir = path.resolve('.next')): RouteWeight[] {
  const { rootMainFiles } = JSON.parse(readFileSync(path.join(distDir, 'build-manifest.json'), 'utf8')) as { rootMainFiles: string[] };
  const sizes = new Map<string, { bytes: number; gzipBytes: number }>();
  const sizeOf = (file: string) => {
    let size = sizes.get(file);
    if (!size) {
      const content = readFileSync(path.join(distDir, file));
      size = { bytes: content.length, gzipBytes: gzipSync(content).length };
      sizes.set(file, size);
    }
    return size;
  };
  return manifestsUnder(path.join(distDir, 'server', 'app')).map((file) => {
    // The manifest is a script that fills globalThis.__RSC_MANIFEST: run it in a sandbox.
    const sandbox: { __RSC_MANIFEST?: Record<string, ClientReferenceManifest> } = {};
    runInNewContext(readFileSync(file, 'utf8'), sandbox);
    const [[entry, manifest]] = Object.entries(sandbox.__RSC_MANIFEST ?? {});
    const files = new Set(rootMainFiles);
    for (const chunks of Object.values(manifest.entryJSFiles ?? {})) for (const chunk of chunks) files.add(chunk);
    let bytes = 0;
    let gzipBytes = 0;
    for (const chunk of files) {
      const size = sizeOf(chunk);
      bytes += size.bytes;
      gzipBytes += size.gzipBytes;
    }
    return { route: routeOf(entry), files: [...files], bytes, gzipBytes };
  });
}

export const kilobytes = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

// `npx tsx tests/e2e/support/javascript-weight.ts`: the table, heaviest first.
if (process.argv[1] && import.meta.url === `file://${path.resolve(process.argv[1])}`) {
  const rows = measureBuild().sort((a, b) => b.gzipBytes - a.gzipBytes);
  for (const row of rows) console.log(`${String(kilobytes(row.gzipBytes)).padStart(6)} KB gz  ${String(kilobytes(row.bytes)).padStart(7)} KB  ${row.route}`);
}
