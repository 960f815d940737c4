// Names of the entries of a dossier's ZIP. Pure (unit-tested). A stored file name comes from a
// citizen's or an agent's computer: whatever it holds ("../", "C:\", control or direction
// characters, 300 characters), the entry stays one plain file inside its folder, and two files
// never share a name (each name starts with its position: "01-", "02-"…).

const MAX_NAME_BYTES = 120;
const FALLBACK = 'fichier';

// Separators and characters Windows refuses, control characters, and the invisible direction
// marks that can make "fdp.exe" read as "exe.pdf".
const UNSAFE = /[/\\:*?"<>|\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Cuts at a character boundary (never inside a surrogate pair) to at most `maxBytes` of UTF-8. */
function truncateUtf8(text: string, maxBytes: number): string {
  let out = '';
  for (const ch of text) {
    if (utf8Length(out + ch) > maxBytes) break;
    out += ch;
  }
  return out;
}

/** One safe file name (no folder) out of a stored name, extension kept when it is a plain one. */
export function safeFileName(filename: string): string {
  const cleaned = filename
    .normalize('NFC')
    .replace(UNSAFE, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s._]+/, '')
    .replace(/[\s.]+$/, '');
  if (!cleaned) return FALLBACK;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && /^\.[A-Za-z0-9]{1,10}$/.test(cleaned.slice(dot)) ? cleaned.slice(dot) : '';
  const stem = extension ? cleaned.slice(0, dot) : cleaned;
  const shortStem = truncateUtf8(stem, MAX_NAME_BYTES - extension.length).replace(/[\s.]+$/, '');
  return `${shortStem || FALLBACK}${extension}`;
}

const FOLDERS: Record<string, string> = { supporting: 'pieces-justificatives', response: 'reponses', request_answer: 'complements', message: 'pieces-des-messages' };

/** The folder of a kind of file; kinds added later land in "autres-fichiers" rather than nowhere. */
export function folderOfKind(kind: string): string {
  return FOLDERS[kind] ?? 'autres-fichiers';
}

/**
 * Entry paths for files in order: "<folder>/<nn>-<safe name>", numbered per folder. Unique even
 * when two names differ only by case (some unzip tools fold case).
 */
export function archiveEntryNames(files: { kind: string; filename: string }[]): string[] {
  const counters = new Map<string, number>();
  const taken = new Set<string>();
  return files.map((file) => {
    const folder = folderOfKind(file.kind);
    let n = counters.get(folder) ?? 0;
    let path: string;
    do {
      n += 1;
      path = `${folder}/${String(n).padStart(2, '0')}-${safeFileName(file.filename)}`;
    } while (taken.has(path.toLowerCase()));
    counters.set(folder, n);
    taken.add(path.toLowerCase());
    return path;
  });
}
