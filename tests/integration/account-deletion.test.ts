import { randomInt, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dossierAttachments,
  dossierEvents,
  dossierTombstones,
  dossiers,
  emailTokens,
  lockerDocuments,
  messages,
  notifications,
  preferences,
  procedureVersions,
  procedures,
  profiles,
  relations,
  users,
} from '@/db/schema';
import { accountResult, WRONG_PASSWORD } from '@/app/compte/messages';
import type { AccountContext } from '@/lib/accounts/context';
import { deleteAccount, summarizeAccountData } from '@/lib/accounts/deletion';
import { issueEmailToken } from '@/lib/accounts/email-tokens';
import { exportAccountData } from '@/lib/account-export/collect';
import { hashPassword } from '@/lib/security/password';
import { createBlobStore, type BlobStore } from '@/lib/storage';
import { createTestAccountContext, emailsTo } from '../helpers/accounts';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createTestBucket, type TestBucket } from '../helpers/s3';

const PASSWORD = 'une phrase de passe pour supprimer';

let db: TestDatabase;
let ctx: AccountContext;
let procedure: { id: string; versionId: string };
let diskRoot: string;
let bucket: TestBucket;
const stores: Record<'local disk' | 'S3', BlobStore> = {} as never;

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = createTestAccountContext(db);
  diskRoot = await mkdtemp(path.join(tmpdir(), 'account-deletion-'));
  bucket = await createTestBucket();
  stores['local disk'] = createBlobStore({ kind: 'local-disk', rootDir: diskRoot });
  stores.S3 = createBlobStore({ kind: 's3', ...bucket.config });
  const [row] = await db.db
    .insert(procedures)
    .values({ slug: `test-${randomUUID().slice(0, 8)}`, title: 'Démarche de test', summary: 'Pour les tests.', category: 'test', published: true })
    .returning({ id: procedures.id });
  const definition = {
    beneficiaries: ['self'],
    steps: [{ key: 'etape', title: 'Étape', fields: [{ key: 'motif', type: 'text', label: 'Motif', required: true }] }],
    statuses: [{ key: 'submitted', label: 'Déposée', tone: 'info' }],
  };
  const [version] = await db.db
    .insert(procedureVersions)
    .values({ procedureId: row.id, version: 1, definition, publishedAt: new Date() })
    .returning({ id: procedureVersions.id });
  procedure = { id: row.id, versionId: version.id };
});

afterAll(async () => {
  await db?.drop();
  await bucket?.drop();
  if (diskRoot) await rm(diskRoot, { recursive: true, force: true });
});

type Citizen = Awaited<ReturnType<typeof createCitizenWithData>>;

async function putBlob(store: BlobStore, key: string, text: string) {
  const { sizeBytes, sha256 } = await store.put(key, Buffer.from(text), { contentType: 'application/pdf' });
  return { storageKey: key, sizeBytes, sha256, mimeType: 'application/pdf' };
}

/** A citizen with every kind of data the deletion must remove, files included. */
async function createCitizenWithData(store: BlobStore, name: string) {
  const email = `${name}.${randomUUID().slice(0, 8)}@exemple.fr`;
  const [user] = await db.db
    .insert(users)
    .values({ email, passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: new Date() })
    .returning({ id: users.id, passwordHash: users.passwordHash });
  await db.db.insert(profiles).values({ userId: user.id, firstNames: name, birthName: 'Durand', phone: '0612345678' });
  await db.db.insert(preferences).values({ userId: user.id });
  const [child] = await db.db
    .insert(relations)
    .values([
      { ownerId: user.id, kind: 'person', subtype: 'child', firstNames: `Enfant de ${name}`, birthName: 'Durand' },
      { ownerId: user.id, kind: 'organisation', subtype: 'association', legalName: `Association de ${name}` },
    ])
    .returning({ id: relations.id });
  const number = `2026-${String(randomInt(1, 999_999)).padStart(6, '0')}`;
  const [draft, submitted] = await db.db
    .insert(dossiers)
    .values([
      { ownerId: user.id, procedureId: procedure.id, procedureVersionId: procedure.versionId, data: { motif: `brouillon de ${name}` } },
      {
        ownerId: user.id,
        procedureId: procedure.id,
        procedureVersionId: procedure.versionId,
        beneficiaryKind: 'person',
        beneficiaryRelationId: child.id,
        status: 'submitted',
        number,
        submittedAt: new Date(),
        data: { motif: `demande de ${name}` },
      },
    ])
    .returning({ id: dossiers.id });
  const blobKeys: string[] = [];
  for (const dossierId of [draft.id, submitted.id]) {
    const attachmentId = randomUUID();
    const key = `dossiers/${dossierId}/${attachmentId}`;
    blobKeys.push(key);
    await db.db.insert(dossierAttachments).values({ id: attachmentId, dossierId, filename: 'justificatif.pdf', uploadedBy: user.id, ...(await putBlob(store, key, `pièce de ${name}`)) });
  }
  for (const title of ['Carte d’identité', 'Justificatif de domicile']) {
    const documentId = randomUUID();
    const key = `locker/${user.id}/${documentId}`;
    blobKeys.push(key);
    await db.db.insert(lockerDocuments).values({ id: documentId, ownerId: user.id, title, filename: `${title}.pdf`, ...(await putBlob(store, key, `${title} de ${name}`)) });
  }
  await db.db.insert(messages).values({ dossierId: submitted.id, authorId: user.id, authorRole: 'citizen', body: `message de ${name}` });
  await db.db.insert(dossierEvents).values({ dossierId: submitted.id, kind: 'submitted', toStatus: 'submitted', actorId: user.id });
  await db.db.insert(notifications).values({ userId: user.id, kind: 'status_change', title: 'Demande déposée', body: `notification de ${name}`, dossierId: submitted.id });
  await issueEmailToken(db.db, user.id, 'reset_password');
  return { id: user.id, email, passwordHash: user.passwordHash, number, dossierIds: [draft.id, submitted.id], blobKeys };
}

/** Rows the citizen owns, table by table. */
async function countRows(citizen: Citizen) {
  const n = async (query: Promise<{ n: number }[]>) => (await query)[0].n;
  const q = db.db;
  return {
    users: await n(q.select({ n: count() }).from(users).where(eq(users.id, citizen.id))),
    profiles: await n(q.select({ n: count() }).from(profiles).where(eq(profiles.userId, citizen.id))),
    preferences: await n(q.select({ n: count() }).from(preferences).where(eq(preferences.userId, citizen.id))),
    relations: await n(q.select({ n: count() }).from(relations).where(eq(relations.ownerId, citizen.id))),
    dossiers: await n(q.select({ n: count() }).from(dossiers).where(eq(dossiers.ownerId, citizen.id))),
    attachments: await n(q.select({ n: count() }).from(dossierAttachments).where(inArray(dossierAttachments.dossierId, citizen.dossierIds))),
    events: await n(q.select({ n: count() }).from(dossierEvents).where(inArray(dossierEvents.dossierId, citizen.dossierIds))),
    messages: await n(q.select({ n: count() }).from(messages).where(inArray(messages.dossierId, citizen.dossierIds))),
    notifications: await n(q.select({ n: count() }).from(notifications).where(eq(notifications.userId, citizen.id))),
    locker: await n(q.select({ n: count() }).from(lockerDocuments).where(eq(lockerDocuments.ownerId, citizen.id))),
    tokens: await n(q.select({ n: count() }).from(emailTokens).where(eq(emailTokens.userId, citizen.id))),
  };
}

const FULL = { users: 1, profiles: 1, preferences: 1, relations: 2, dossiers: 2, attachments: 2, events: 1, messages: 1, notifications: 1, locker: 2, tokens: 1 };
const NONE = Object.fromEntries(Object.keys(FULL).map((table) => [table, 0]));

async function storedBlobs(store: BlobStore, keys: string[]) {
  const heads = await Promise.all(keys.map((key) => store.head(key)));
  return keys.filter((_, i) => heads[i] !== null);
}

describe.each(['local disk', 'S3'] as const)('deleteAccount with %s storage', (storeName) => {
  let store: BlobStore;
  let target: Citizen;
  let other: Citizen;

  beforeAll(async () => {
    store = stores[storeName];
    target = await createCitizenWithData(store, 'camille');
    other = await createCitizenWithData(store, 'dominique');
  });

  it('summarizes what will be deleted', async () => {
    expect(await summarizeAccountData(db.db, target.id)).toEqual({ relations: 2, drafts: 1, submitted: 1, documents: 2 });
  });

  it('deletes nothing when the password is wrong', async () => {
    const result = await deleteAccount(ctx, store, target.id, 'pas le bon mot de passe');
    expect(accountResult(result, { wrongPassword: WRONG_PASSWORD })).toEqual({ ok: false, fieldErrors: { currentPassword: ['Le mot de passe est incorrect.'] } });
    expect(await countRows(target)).toEqual(FULL);
    expect(await storedBlobs(store, target.blobKeys)).toEqual(target.blobKeys);
    expect(await emailsTo(db, target.email)).toHaveLength(0);
  });

  it('deletes every row and file of the user, and only theirs, then sends a last email', async () => {
    expect(await deleteAccount(ctx, store, target.id, PASSWORD)).toEqual({ ok: true });

    expect(await countRows(target)).toEqual(NONE);
    expect(await storedBlobs(store, target.blobKeys)).toEqual([]);
    expect(await store.deletePrefix(`locker/${target.id}/`)).toBe(0);
    for (const id of target.dossierIds) expect(await store.deletePrefix(`dossiers/${id}/`)).toBe(0);

    expect(await countRows(other)).toEqual(FULL);
    expect(await storedBlobs(store, other.blobKeys)).toEqual(other.blobKeys);

    const [last] = await emailsTo(db, target.email);
    expect(last.subject).toContain('Votre compte a été supprimé');

    // Agents keep a trace of the submitted dossier, without anything personal; none for the draft.
    const tombstones = await db.db.select().from(dossierTombstones).where(eq(dossierTombstones.number, target.number));
    expect(tombstones).toEqual([expect.objectContaining({ number: target.number, procedureTitle: 'Démarche de test', finalStatus: 'submitted', reason: 'account_deleted' })]);
    expect(JSON.stringify(tombstones)).not.toMatch(new RegExp(`${target.email}|${target.id}|demande de`));
  });
});

describe('exportAccountData', () => {
  let owner: Citizen;
  let other: Citizen;

  beforeAll(async () => {
    owner = await createCitizenWithData(stores['local disk'], 'eloise');
    other = await createCitizenWithData(stores['local disk'], 'fabrice');
  });

  it('returns the user’s own data: account, profile, relations, dossiers with their messages, notifications, documents', async () => {
    const data = (await exportAccountData(db.db, owner.id))!;
    expect(data.account.email).toBe(owner.email);
    expect(data.profile).toMatchObject({ firstNames: 'eloise', birthName: 'Durand', phone: '0612345678' });
    expect(data.preferences).toEqual({ emailOnStatusChange: true, emailOnMessage: true, emailOnResponse: true });
    expect(data.relations.map((r) => r.firstNames ?? r.legalName).sort()).toEqual(['Association de eloise', 'Enfant de eloise']);
    expect(data.dossiers.map((d) => d.number)).toEqual([null, owner.number]);
    const submitted = data.dossiers[1];
    expect(submitted).toMatchObject({ procedure: 'Démarche de test', status: 'submitted', data: { motif: 'demande de eloise' } });
    expect(submitted.messages).toEqual([expect.objectContaining({ from: 'citizen', body: 'message de eloise' })]);
    expect(submitted.attachments).toEqual([expect.objectContaining({ filename: 'justificatif.pdf', kind: 'supporting' })]);
    expect(data.notifications).toEqual([expect.objectContaining({ body: 'notification de eloise' })]);
    expect(data.lockerDocuments.map((d) => d.title).sort()).toEqual(['Carte d’identité', 'Justificatif de domicile']);
  });

  it('contains nothing of another user, and no password hash, storage key or internal id', async () => {
    const json = JSON.stringify(await exportAccountData(db.db, owner.id));
    for (const foreign of [other.email, other.number, 'fabrice', ...other.dossierIds]) expect(json).not.toContain(foreign);
    for (const secret of [owner.id, owner.passwordHash, 'passwordHash', 'password_hash', 'storageKey', 'storage_key', 'tokenHash', ...owner.blobKeys, ...owner.dossierIds]) {
      expect(json).not.toContain(secret);
    }
  });

  it('returns null for an account that no longer exists', async () => {
    expect(await exportAccountData(db.db, randomUUID())).toBeNull();
  });
});
