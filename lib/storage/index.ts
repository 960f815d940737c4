import 'server-only';
import path from 'node:path';
import { getEnv, type Env } from '@/lib/env';
import { createLocalDiskBlobStore, type LocalDiskBlobStoreConfig } from './local-disk';
import { createS3BlobStore, type S3BlobStoreConfig } from './s3';
import type { BlobStore } from './types';

export * from './types';
export { createLocalDiskBlobStore, type LocalDiskBlobStoreConfig } from './local-disk';
export { createS3BlobStore, type S3BlobStore, type S3BlobStoreConfig } from './s3';

export type BlobStoreConfig = ({ kind: 's3' } & S3BlobStoreConfig) | ({ kind: 'local-disk' } & LocalDiskBlobStoreConfig);

export function createBlobStore(config: BlobStoreConfig): BlobStore {
  return config.kind === 's3' ? createS3BlobStore(config) : createLocalDiskBlobStore(config);
}

/** S3 as soon as S3_ENDPOINT is set (env.ts then requires the bucket and keys), local disk otherwise. */
export function resolveBlobStoreConfig(env: Env): BlobStoreConfig {
  if (!env.S3_ENDPOINT) return { kind: 'local-disk', rootDir: path.resolve(env.DATA_DIR, 'blobs') };
  return {
    kind: 's3',
    endpoint: env.S3_ENDPOINT,
    bucket: env.S3_BUCKET ?? '',
    region: env.S3_REGION,
    accessKeyId: env.S3_ACCESS_KEY_ID ?? '',
    secretAccessKey: env.S3_SECRET_ACCESS_KEY ?? '',
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
    timeoutMs: env.STARTUP_CHECK_TIMEOUT_MS,
  };
}

// One store (and one S3 connection pool) per process, surviving Next's module reloads in dev.
const globalForStorage = globalThis as unknown as { __portalBlobStore?: BlobStore };

export function getBlobStore(): BlobStore {
  globalForStorage.__portalBlobStore ??= createBlobStore(resolveBlobStoreConfig(getEnv()));
  return globalForStorage.__portalBlobStore;
}
