import 'server-only';
import { asc, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { procedures } from '@/db/schema';
import { assertAdmin, type AdminActor } from '@/lib/administration/admin-actor';
import { getCategoryLabel } from '@/lib/procedures/categories';

export type AdminProcedureRow = {
  id: string;
  slug: string;
  title: string;
  categoryLabel: string;
  inCatalogue: boolean;
  archived: boolean;
  /** Highest published version, null when never published. */
  currentVersion: number | null;
  /** Version being edited, null when none. */
  draftVersion: number | null;
  submittedCount: number;
  draftCount: number;
};

/** Every procedure, published or not, with its versions and how many dossiers it has. */
export async function listAdminProcedures(db: Database, actor: AdminActor): Promise<AdminProcedureRow[]> {
  await assertAdmin(db, actor);
  const rows = await db
    .select({
      id: procedures.id,
      slug: procedures.slug,
      title: procedures.title,
      category: procedures.category,
      published: procedures.published,
      archivedAt: procedures.archivedAt,
      // Qualified by hand: inside a selected sql fragment Drizzle renders a column without its table.
      currentVersion: sql<number | null>`(select max(v.version) from procedure_versions v where v.procedure_id = procedures.id and v.published_at is not null)`,
      draftVersion: sql<number | null>`(select max(v.version) from procedure_versions v where v.procedure_id = procedures.id and v.published_at is null)`,
      submittedCount: sql<number>`(select count(*) from dossiers d where d.procedure_id = procedures.id and d.status <> 'draft')`,
      draftCount: sql<number>`(select count(*) from dossiers d where d.procedure_id = procedures.id and d.status = 'draft')`,
    })
    .from(procedures)
    .orderBy(asc(procedures.title));
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    categoryLabel: getCategoryLabel(r.category),
    inCatalogue: r.published && r.currentVersion !== null && r.archivedAt === null,
    archived: r.archivedAt !== null,
    currentVersion: r.currentVersion === null ? null : Number(r.currentVersion),
    draftVersion: r.draftVersion === null ? null : Number(r.draftVersion),
    submittedCount: Number(r.submittedCount),
    draftCount: Number(r.draftCount),
  }));
}
