// A local S3-compatible server for tests and benchmarks (s3rver). Buckets are created on demand
// by the code under test; this only serves.
import S3rver from 's3rver';
import { mkdirSync } from 'node:fs';

const port = Number(process.argv[2] ?? 4569);
const directory = process.argv[3] ?? '.test-run/s3/data';
mkdirSync(directory, { recursive: true });
const server = new S3rver({ port, address: '127.0.0.1', directory, silent: true });
await server.run();
console.log(`s3rver listening on http://127.0.0.1:${port}`);
const stop = async () => { await server.close(); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
