import { randomInt, randomUUID } from 'node:crypto';
import { dossierAttachments, dossiers, lockerDocuments, procedureVersions, procedures, users } from '@/db/schema';
import { hashPassword } from '@/lib/security/password';
import type { BlobStore } from '@/lib/storage';
import type { TestDatabase } from './db';

// Rows for the data-lifecycle tests (export, retention), inserted directly: these tests are about
// what happens to data once it exists, not about how the forms create it.

export const TEST_DEFINITION = {
  beneficiaries: ['self'],
  steps: [{ key: 'etape', title: 'Étape', fields: [{ key: 'motif', type: 'text', label: 'Motif', required: true }] }],
  statuses: [
    { key: 'submitted', label: 'Déposée', tone: 'info' },
    { key: 'accepted', label: 'Acceptée', tone: 'success', final: true },
  ],
};

export async function createTestProcedure(db: TestDatabase, retention: { draftRetentionMonths?: number; closedDossierRetentionMonths?: number } = {}) {
  const [row] = await db.db
    .insert(procedures)
    .values({ slug: `test-${randomUUID().slice(0, 8)}`, title: 'Démarche de test', summary: 'Pour les tests.', category: 'test', published: true })
    .returning({ id: procedures.id });
  const [version] = await db.db
    .insert(procedureVersions)
    .values({ procedureId: row.id, version: 1, definition: TEST_DEFINITION, publishedAt: new Date(), ...retention })
    .returning({ id: procedureVersions.id });
  return { id: row.id, versionId: version.id };
}

export async function createTestCitizen(db: TestDatabase, password = 'une phrase de passe de test') {
  const email = `cycle.${randomUUID().slice(0, 8)}@exemple.fr`;
  const [user] = await db.db
    .insert(users)
    .values({ email, passwordHash: await hashPassword(password), emailVerifiedAt: new Date() })
    .returning({ id: users.id });
  return { id: user.id, email };
}

type Procedure = Awaited<ReturnType<typeof createTestProcedure>>;

export async function insertDossier(
  db: TestDatabase,
  ownerId: string,
  procedure: Procedure,
  values: Partial<typeof dossiers.$inferInsert> = {},
): Promise<{ id: string; number: string | null }> {
  const submitted = values.status && values.status !== 'draft';
  const [row] = await db.db
    .insert(dossiers)
    .values({
      ownerId,
      procedureId: procedure.id,
      procedureVersionId: procedure.versionId,
      data: { motif: 'motif de test' },
      ...(submitted ? { number: `2026-${String(randomInt(1, 999_999)).padStart(6, '0')}`, submittedAt: new Date() } : {}),
      ...values,
    })
    .returning({ id: dossiers.id, number: dossiers.number });
  return row;
}

export async function attachFile(db: TestDatabase, store: BlobStore, dossierId: string, content: Buffer, values: { filename?: string; kind?: 'supporting' | 'response' } = {}) {
  const id = randomUUID();
  const storageKey = `dossiers/${dossierId}/${id}`;
  const { sizeBytes, sha256 } = await store.put(storageKey, content);
  await db.db.insert(dossierAttachments).values({ id, dossierId, filename: values.filename ?? 'piece.pdf', kind: values.kind ?? 'supporting', mimeType: 'application/pdf', sizeBytes, sha256, storageKey });
  return { id, storageKey };
}

export async function addLockerFile(db: TestDatabase, store: BlobStore, ownerId: string, content: Buffer | NodeJS.ReadableStream, filename = 'document.pdf') {
  const id = randomUUID();
  const storageKey = `locker/${ownerId}/${id}`;
  const { sizeBytes, sha256 } = await store.put(storageKey, content as Buffer);
  await db.db.insert(lockerDocuments).values({ id, ownerId, title: filename, filename, mimeType: 'application/pdf', sizeBytes, sha256, storageKey });
  return { id, storageKey, sha256, sizeBytes };
}
