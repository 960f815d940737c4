// The few members of s3rver (no published types) that the e2e helpers use.
declare module 's3rver' {
  import type { AddressInfo } from 'node:net';
  type Options = { port?: number; address?: string; directory: string; silent?: boolean; configureBuckets?: { name: string; configs: unknown[] }[] };
  export default class S3rver {
    constructor(options: Options);
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
}
