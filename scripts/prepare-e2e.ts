// Before the end-to-end run: a fresh PostgreSQL database `portail_e2e`, migrated and seeded, and
// the S3 bucket the e2e server uses. Reads the harness settings that scripts/test.sh exports.
import postgres from 'postgres';
import { e2eServerEnv } from '../playwright.config';
import { migrateDatabase, openDatabase } from '@/db/client';
import { seedDatabase } from '@/db/seed';
import { hashPassword } from '@/lib/security/password';
import { createSecretBox } from '@/lib/auth/second-factor/secret-box';
import { createS3BlobStore } from '@/lib/storage';

const url = new URL(e2eServerEnv.DATABASE_URL);
const name = url.pathname.slice(1);
const admin = postgres({ host: url.hostname, port: Number(url.port), user: url.username || 'postgres', database: 'postgres', onnotice: () => {} });
await admin.unsafe(`drop database if exists ${name} with (force)`);
await admin.unsafe(`create database ${name}`);
await admin.end();

const handle = await openDatabase({ url: url.toString() });
await migrateDatabase(handle);
// Encrypted with the e2e server's key (it has no TOTP_ENCRYPTION_KEY: derived from its AUTH_SECRET).
const box = createSecretBox(e2eServerEnv.AUTH_SECRET);
await seedDatabase(handle.db, { hashPassword, encryptTotpSecret: (userId, secret) => box.encrypt(userId, secret) });
await handle.close();

const store = createS3BlobStore({
  endpoint: e2eServerEnv.S3_ENDPOINT,
  bucket: e2eServerEnv.S3_BUCKET,
  region: 'us-east-1',
  accessKeyId: e2eServerEnv.S3_ACCESS_KEY_ID,
  secretAccessKey: e2eServerEnv.S3_SECRET_ACCESS_KEY,
  forcePathStyle: true,
});
await store.ensureBucket();
store.close();
console.log(`e2e: database ${name} seeded, bucket ${e2eServerEnv.S3_BUCKET} ready`);
