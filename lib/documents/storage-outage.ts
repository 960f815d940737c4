import 'server-only';
import { isStorageUnavailable } from '@/lib/storage';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/platform/logger';
import { createOutageResponse, storageOutagePage } from '@/lib/platform/outage-page';

// What a citizen reads when the file storage (S3) does not answer (decision 020): nothing was
// written, nothing is lost, try again later. The rest of the form is saved as usual.

export const STORAGE_UNAVAILABLE_MESSAGES = {
  draft: 'Le dépôt de fichiers est momentanément indisponible, votre brouillon est enregistré.',
  locker: 'Le dépôt de fichiers est momentanément indisponible, votre document n’a pas été ajouté : réessayez dans quelques minutes.',
} as const;

export const STORAGE_DOWN = Symbol('storage down');

/** Runs a storage call; an outage becomes STORAGE_DOWN (logged, without the key), anything else is thrown. */
export async function unlessStorageDown<T>(work: () => Promise<T>): Promise<T | typeof STORAGE_DOWN> {
  try {
    return await work();
  } catch (error) {
    if (!isStorageUnavailable(error)) throw error;
    logger.warn({ err: error }, '[documents] file storage unavailable');
    return STORAGE_DOWN;
  }
}

/** A download while the storage is down: 503, Retry-After and a short French page (not an empty body). */
export function createStorageOutageResponse(method = 'GET'): Response {
  return createOutageResponse(storageOutagePage(getEnv().PORTAL_NAME), method);
}
