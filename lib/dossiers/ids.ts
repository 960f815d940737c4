import { isUuid } from '@/lib/common/uuid';

// Dossier ids are UUIDs (lib/common/uuid.ts). Pure module.
export function isDossierId(value: string): boolean {
  return isUuid(value);
}
