import 'server-only';
import { getEnv } from '@/lib/env';
import { checkUpload, type UploadCheck } from './check-upload';
import { scanWithClamav, type ClamavConfig } from './virus-scan';
import { logger } from '@/lib/platform/logger';

// Every upload of a citizen goes through here: the content checks of check-upload.ts (type by
// magic bytes, size, safe name), then a ClamAV scan when CLAMAV_HOST is set. A scan that cannot
// run refuses the file (fail closed): nothing unscanned is stored once scanning is configured.

export const INFECTED_MESSAGE = (name: string) =>
  `Le fichier « ${name} » n’a pas été enregistré : l’analyse antivirus y a détecté un programme malveillant. Vérifiez votre ordinateur, puis envoyez un autre fichier.`;
export const SCAN_UNAVAILABLE_MESSAGE = 'L’analyse antivirus des fichiers est momentanément indisponible : votre fichier n’a pas été enregistré. Réessayez dans quelques minutes.';

let warnedScanningOff = false;

/** Checks then scans with the given clamd, or none; exported for tests. */
export async function screenUploadWith(file: File, clamav: ClamavConfig | null): Promise<UploadCheck> {
  const checked = await checkUpload(file);
  if (!checked.ok || !clamav) return checked;
  try {
    const scan = await scanWithClamav(checked.bytes, clamav);
    if (scan.clean) return checked;
    logger.warn({ signature: scan.signature }, '[documents] upload refused by ClamAV');
    return { ok: false, message: INFECTED_MESSAGE(checked.filename) };
  } catch (error) {
    logger.error({ err: error }, '[documents] ClamAV scan failed');
    return { ok: false, message: SCAN_UNAVAILABLE_MESSAGE };
  }
}

export async function screenUpload(file: File): Promise<UploadCheck> {
  const env = getEnv();
  if (!env.CLAMAV_HOST && !warnedScanningOff) {
    warnedScanningOff = true;
    logger.warn('[documents] CLAMAV_HOST is not set: uploads are checked by content but not scanned for viruses.');
  }
  return screenUploadWith(file, env.CLAMAV_HOST ? { host: env.CLAMAV_HOST, port: env.CLAMAV_PORT } : null);
}
