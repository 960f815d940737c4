import 'server-only';
import { parseDefinition, type ProcedureDefinition } from '@/lib/procedures/definition';

// A published procedure version never changes, so its parsed definition is kept per process:
// autosave runs many times a minute per citizen and should not re-validate the same JSON.
// Bounded, oldest first out, so a long-running process does not grow without limit.
const MAX_ENTRIES = 500;
const parsed = new Map<string, ProcedureDefinition>();

export function definitionOfVersion(versionId: string, json: unknown): ProcedureDefinition {
  const cached = parsed.get(versionId);
  if (cached) return cached;
  const definition = parseDefinition(json);
  if (parsed.size >= MAX_ENTRIES) parsed.delete(parsed.keys().next().value!);
  parsed.set(versionId, definition);
  return definition;
}

export function cachedDefinition(versionId: string): ProcedureDefinition | undefined {
  return parsed.get(versionId);
}

