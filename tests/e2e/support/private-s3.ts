import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import S3rver from 's3rver';

// An S3-compatible server of a test's own (the shared one serves the other specs): a test can
// stop it to play an S3 outage.

export type PrivateS3 = { endpoint: string; bucket: string; close(): Promise<void> };

export async function startPrivateS3(bucket = 'portail-e2e'): Promise<PrivateS3> {
  const directory = await mkdtemp(path.join(tmpdir(), 'portail-e2e-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', directory, silent: true, configureBuckets: [{ name: bucket, configs: [] }] });
  const address = (await server.run()) as AddressInfo;
  let closed = false;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    bucket,
    async close() {
      if (closed) return;
      closed = true;
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
