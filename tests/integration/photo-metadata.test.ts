import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '@/db/schema';
import { screenUploadWith } from '@/lib/documents/screen-upload';
import { addLockerDocument, lockerKey } from '@/lib/documents/locker';
import { createBlobStore, type BlobStore } from '@/lib/storage';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { containsLocationOrOwner, makePhotoWithGps } from '../helpers/images';
import { createTestBucket, type TestBucket } from '../helpers/s3';

let db: TestDatabase;
let bucket: TestBucket;
let store: BlobStore;

beforeAll(async () => {
  db = await createTestDatabase();
  bucket = await createTestBucket();
  store = createBlobStore({ kind: 's3', ...bucket.config });
});

afterAll(async () => {
  await db?.drop();
  await bucket?.drop();
});

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

describe('a photo added to the Porte-documents', () => {
  it('is stored without its GPS position or any EXIF', async () => {
    const [owner] = await db.db
      .insert(users)
      .values({ email: `photo.${randomUUID()}@exemple.fr`, passwordHash: 'not-used', emailVerifiedAt: new Date() })
      .returning({ id: users.id });
    const photo = await makePhotoWithGps('jpeg');
    expect(containsLocationOrOwner(photo)).toBe(true);

    const upload = await screenUploadWith(new File([new Uint8Array(photo)], 'IMG_0042.jpg', { type: 'image/jpeg' }), null);
    if (!upload.ok) throw new Error(upload.message);
    const added = await addLockerDocument(db.db, store, owner.id, { title: 'Photo du compteur', upload });
    if (!added.ok) throw new Error(added.message);

    const stored = await readAll(await store.get(lockerKey(owner.id, added.document.id)));
    expect(containsLocationOrOwner(stored)).toBe(false);
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    expect(stored.indexOf('Exif\0\0', 0, 'latin1')).toBe(-1);
  });
});
