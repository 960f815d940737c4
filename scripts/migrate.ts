import path from 'node:path';
import { getEnv } from '@/lib/env';
import { migrateDatabase, openDatabase } from '@/db/client';
import { logger } from '@/lib/platform/logger';

const env = getEnv();
const handle = await openDatabase({ url: env.DATABASE_URL, dataDir: path.resolve(env.DATA_DIR, 'pglite') });
await migrateDatabase(handle);
await handle.close();
logger.info('[migrate] migrations applied');
