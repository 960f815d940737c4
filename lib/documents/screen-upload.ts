import 'server-only';
import { checkUpload, type UploadCheck } from './check-upload';

/**
 * Every upload of a citizen goes through here: the content checks of check-upload.ts (type by
 * magic bytes, size, safe name). One place to add further screening.
 */
export async function screenUpload(file: File): Promise<UploadCheck> {
  return checkUpload(file);
}
