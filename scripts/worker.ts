// The job worker: runs the job queue (emails and the portal's other background jobs) without
// serving HTTP, so that web instances can run with JOBS_IN_PROCESS=false (docs/deploy.md).
//   npm run worker                 (from the sources)
//   node worker.cjs                (in the standalone output and the container image)
// Stops cleanly on SIGTERM: running jobs finish (up to SHUTDOWN_TIMEOUT), then exit 0.
import { installConsoleBridge, logger } from '@/lib/platform/logger';
import { startPortal } from '@/lib/runtime/startup';

async function main() {
  installConsoleBridge();
  await startPortal({ role: 'worker' });
  logger.info('[worker] started: running jobs, serving no HTTP');
}

void main();
