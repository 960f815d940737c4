import { randomBytes } from 'node:crypto';
import { DeleteBucketCommand, DeleteObjectsCommand, ListObjectsCommand, S3Client } from '@aws-sdk/client-s3';
import { createS3BlobStore, type S3BlobStoreConfig } from '@/lib/storage';

export type TestS3Config = Omit<S3BlobStoreConfig, 'bucket'>;

/** The local S3-compatible server that `scripts/test-services.sh start` runs (s3rver). */
export function getTestS3Config(): TestS3Config {
  const { TEST_S3_ENDPOINT: endpoint, TEST_S3_ACCESS_KEY_ID: accessKeyId, TEST_S3_SECRET_ACCESS_KEY: secretAccessKey } = process.env;
  if (!endpoint || !accessKeyId || !secretAccessKey) {
    throw new Error(
      'TEST_S3_ENDPOINT, TEST_S3_ACCESS_KEY_ID and TEST_S3_SECRET_ACCESS_KEY must be set: run `npm test`, or `bash scripts/test-services.sh start && source .test-run/env`.',
    );
  }
  return { endpoint, accessKeyId, secretAccessKey, region: 'us-east-1', forcePathStyle: true };
}

export type TestBucket = { config: S3BlobStoreConfig; drop(): Promise<void> };

/** A fresh bucket for one test file; drop() empties and removes it. */
export async function createTestBucket(overrides: Partial<S3BlobStoreConfig> = {}): Promise<TestBucket> {
  const config: S3BlobStoreConfig = { ...getTestS3Config(), bucket: `test-${randomBytes(6).toString('hex')}`, ...overrides };
  const store = createS3BlobStore(config);
  await store.ensureBucket();
  store.close();
  return { config, drop: () => dropTestBucket(config) };
}

/** Empties and removes a bucket made by a test. */
export async function dropTestBucket(config: S3BlobStoreConfig): Promise<void> {
  const client = new S3Client({
    endpoint: config.endpoint,
    region: config.region,
    forcePathStyle: true,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  try {
    for (;;) {
      const page = await client.send(new ListObjectsCommand({ Bucket: config.bucket }));
      const objects = (page.Contents ?? []).map((object) => ({ Key: object.Key }));
      if (objects.length === 0) break;
      await client.send(new DeleteObjectsCommand({ Bucket: config.bucket, Delete: { Objects: objects, Quiet: true } }));
    }
    await client.send(new DeleteBucketCommand({ Bucket: config.bucket }));
  } finally {
    client.destroy();
  }
}
