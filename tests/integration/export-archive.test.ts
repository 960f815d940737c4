import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { dossierEvents, messages } from '@/db/schema';
import { openAccountArchive } from '@/lib/account-export/archive';
import { recordAudit } from '@/lib/audit';
import { createBlobStore, type BlobStore } from '@/lib/storage';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { addLockerFile, attachFile, createTestCitizen, createTestProcedure, insertDossier } from '../helpers/lifecycle';

let db: TestDatabase;
let diskRoot: string;
let store: BlobStore;

beforeAll(async () => {
  db = await createTestDatabase();
  diskRoot = await mkdtemp(path.join(tmpdir(), 'export-archive-'));
  store = createBlobStore({ kind: 'local-disk', rootDir: diskRoot });
});

afterAll(async () => {
  await db?.drop();
  if (diskRoot) await rm(diskRoot, { recursive: true, force: true });
});

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Every entry of a ZIP, by name. */
async function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  const zipfile = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.fromBuffer(zip, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z))));
  const entries = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zipfile.on('entry', (entry: yauzl.Entry) => {
      zipfile.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        readAll(stream).then((bytes) => {
          entries.set(entry.fileName, bytes);
          zipfile.readEntry();
        }, reject);
      });
    });
    zipfile.on('end', resolve);
    zipfile.on('error', reject);
    zipfile.readEntry();
  });
  return entries;
}

describe('the data export archive', () => {
  it('holds LISEZMOI.txt, the JSON of every record and every file, byte for byte', async () => {
    const procedure = await createTestProcedure(db);
    const citizen = await createTestCitizen(db);
    const other = await createTestCitizen(db);
    const locker = await addLockerFile(db, store, citizen.id, Buffer.from('%PDF-1.7 quittance'), 'quittance.pdf');
    const draft = await insertDossier(db, citizen.id, procedure, { data: { motif: 'brouillon à finir' } });
    const draftPiece = Buffer.from('%PDF-1.7 pièce du brouillon');
    await attachFile(db, store, draft.id, draftPiece, { filename: 'brouillon.pdf' });
    const submitted = await insertDossier(db, citizen.id, procedure, { status: 'accepted', data: { motif: 'demande déposée' } });
    const piece = Buffer.from('%PDF-1.7 pièce justificative');
    const response = Buffer.from('%PDF-1.7 réponse de la mairie');
    await attachFile(db, store, submitted.id, piece, { filename: 'justificatif.pdf' });
    await attachFile(db, store, submitted.id, response, { filename: 'decision.pdf', kind: 'response' });
    await db.db.insert(dossierEvents).values({ dossierId: submitted.id, kind: 'status_changed', fromStatus: 'submitted', toStatus: 'accepted' });
    await db.db.insert(messages).values({ dossierId: submitted.id, authorId: citizen.id, authorRole: 'citizen', body: 'Bonjour, voici ma pièce.' });
    await recordAudit(db.db, { action: 'account.signin', actorId: citizen.id, targetType: 'user', targetId: citizen.id });
    await addLockerFile(db, store, other.id, Buffer.from('%PDF-1.7 secret de quelqu’un d’autre'), 'autre.pdf');

    const archive = await openAccountArchive(db.db, store, citizen.id, { portalName: 'Portail de test' });
    if (!archive) throw new Error('no archive');
    expect(archive.fileCount).toBe(5);
    const entries = await unzip(await readAll(archive.stream));

    expect([...entries.keys()].sort()).toEqual(
      [
        'LISEZMOI.txt',
        'donnees.json',
        'porte-documents/01-quittance.pdf',
        'brouillons/brouillon-01/pieces-justificatives/01-brouillon.pdf',
        `demandes/${submitted.number}/pieces-justificatives/01-justificatif.pdf`,
        `demandes/${submitted.number}/reponses/02-decision.pdf`,
        `demandes/${submitted.number}/recepisse-${submitted.number}.pdf`,
      ].sort(),
    );
    expect(entries.get('LISEZMOI.txt')!.toString()).toContain('donnees.json');
    expect(entries.get('porte-documents/01-quittance.pdf')).toEqual(Buffer.from('%PDF-1.7 quittance'));
    expect(createHash('sha256').update(entries.get('porte-documents/01-quittance.pdf')!).digest('hex')).toBe(locker.sha256);
    expect(entries.get('brouillons/brouillon-01/pieces-justificatives/01-brouillon.pdf')).toEqual(draftPiece);
    expect(entries.get(`demandes/${submitted.number}/pieces-justificatives/01-justificatif.pdf`)).toEqual(piece);
    expect(entries.get(`demandes/${submitted.number}/reponses/02-decision.pdf`)).toEqual(response);
    expect(entries.get(`demandes/${submitted.number}/recepisse-${submitted.number}.pdf`)!.subarray(0, 5).toString()).toBe('%PDF-');

    const json = entries.get('donnees.json')!.toString();
    const data = JSON.parse(json);
    expect(data.account.email).toBe(citizen.email);
    expect(data.lockerDocuments).toEqual([expect.objectContaining({ filename: 'quittance.pdf', fichier: 'porte-documents/01-quittance.pdf' })]);
    const [draftRecord, submittedRecord] = data.dossiers;
    expect(draftRecord).toMatchObject({ status: 'draft', data: { motif: 'brouillon à finir' }, dossier: 'brouillons/brouillon-01' });
    expect(submittedRecord).toMatchObject({ number: submitted.number, status: 'accepted', data: { motif: 'demande déposée' } });
    expect(submittedRecord.history).toEqual([expect.objectContaining({ fromStatus: 'submitted', toStatus: 'accepted' })]);
    expect(submittedRecord.messages).toEqual([expect.objectContaining({ body: 'Bonjour, voici ma pièce.' })]);
    expect(submittedRecord.attachments.map((a: { fichier: string }) => a.fichier)).toEqual([
      `demandes/${submitted.number}/pieces-justificatives/01-justificatif.pdf`,
      `demandes/${submitted.number}/reponses/02-decision.pdf`,
    ]);
    expect(data.auditEntries).toEqual([expect.objectContaining({ action: 'account.signin', by: 'vous' })]);
    for (const secret of [citizen.id, other.email, 'storageKey', 'passwordHash', '$argon2', locker.storageKey]) expect(json).not.toContain(secret);
  });

  it('streams a 100 MB account in constant memory', async () => {
    const citizen = await createTestCitizen(db);
    const MiB = 1024 * 1024;
    const expected = createHash('sha256');
    // 20 files of 5 MiB, random (incompressible, as scans and photos are); more with EXPORT_TEST_FILES.
    const FILES = Number(process.env.EXPORT_TEST_FILES ?? 20);
    for (let i = 0; i < FILES; i++) {
      const content = randomBytes(5 * MiB);
      expected.update(content);
      await addLockerFile(db, store, citizen.id, content, `scan-${i}.pdf`);
    }
    globalThis.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const archive = await openAccountArchive(db.db, store, citizen.id, { portalName: 'Portail de test' });
    let bytes = 0;
    await pipeline(
      archive!.stream,
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          // A slow client: the archive must wait for it instead of piling up in memory.
          setImmediate(done);
        },
      }),
    );
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const growthMiB = (peak - baseline) / MiB;
    console.info(`[export] ${(bytes / MiB).toFixed(1)} MiB archive, RSS growth ${growthMiB.toFixed(1)} MiB`);
    expect(bytes).toBeGreaterThan(FILES * 5 * MiB);
    // Buffering the archive would take more than 100 MiB.
    expect(growthMiB).toBeLessThan(40);
  });
});
