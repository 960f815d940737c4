import 'server-only';
import { sql } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { dossierNumberCounters } from '@/db/schema';
import { parisYear } from '@/lib/common/dates';

/**
 * The next readable number of the year (2026-000123). Call it inside the submission's
 * transaction: the counter row stays locked until commit, so concurrent submissions get
 * consecutive numbers, and a rolled-back submission gives its number back (no gap), which a
 * PostgreSQL sequence would not.
 */
export async function assignDossierNumber(tx: Transaction, at: Date): Promise<string> {
  const year = parisYear(at);
  const [row] = await tx
    .insert(dossierNumberCounters)
    .values({ year, lastValue: 1 })
    .onConflictDoUpdate({ target: dossierNumberCounters.year, set: { lastValue: sql`${dossierNumberCounters.lastValue} + 1` } })
    .returning({ value: dossierNumberCounters.lastValue });
  return formatDossierNumber(year, row.value);
}

export function formatDossierNumber(year: number, value: number): string {
  return `${year}-${String(value).padStart(6, '0')}`;
}
