// Pure: reading the advanced editor's text (unit-tested).

/** Reads the JSON typed in the advanced editor; a syntax error names the line and column when it can be found. */
export function parseDefinitionJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const position = errorPosition(error instanceof Error ? error.message : String(error), text);
    if (position === null) return { ok: false, message: 'JSON invalide : le texte semble incomplet ; vérifiez que chaque accolade, crochet et guillemet ouvert est fermé.' };
    const before = text.slice(0, position);
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return { ok: false, message: `JSON invalide, ligne ${line}, colonne ${column} : vérifiez les guillemets, virgules et accolades à cet endroit.` };
  }
}

// Node 22 says "at position N"; Node 20 only quotes the text around the error (10 characters on
// each side, "..." where it was cut), which is enough to find the place again.
function errorPosition(detail: string, text: string): number | null {
  const explicit = /position (\d+)/.exec(detail);
  if (explicit) return Number(explicit[1]);
  const quoted = /, (\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON$/.exec(detail);
  const token = /Unexpected token '([\s\S])'/.exec(detail)?.[1];
  if (!quoted || !token) return null;
  const start = text.indexOf(quoted[2]);
  if (start < 0) return null;
  return quoted[1] ? start + 10 : start + Math.max(0, quoted[2].indexOf(token));
}
