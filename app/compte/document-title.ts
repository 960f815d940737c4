import 'server-only';
import { getEnv } from '@/lib/env';

/** The full document title as the root layout's metadata template builds it, for the "Erreur : " variant. */
export function documentTitle(title: string): string {
  return `${title} — ${getEnv().PORTAL_NAME}`;
}
