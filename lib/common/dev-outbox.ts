// Whether the development outbox (/dev/courriels) is served. It shows every email the portal
// "sent", password-reset links included: whoever reads it can take any account, the
// administrator's too. So it is never served in production, and in a demo or in development only
// when the portal listens on the loopback interface, unless DEV_OUTBOX=on says otherwise.
// Pure: lib/env.ts computes the decision once, scripts/demo.ts prints it.

export type DevOutboxInput = {
  nodeEnv: 'development' | 'production' | 'test';
  portalMode: 'production' | 'demo';
  /** The address the server listens on (HOST); unset means 127.0.0.1, what `npm run demo` binds to. */
  host?: string;
  devOutbox?: 'on' | 'off';
};

export type DevOutboxDecision =
  | { shown: false; reason: 'production' | 'off' | 'network' }
  | { shown: true; reason: 'loopback' | 'forced' };

/** The address `npm run demo` listens on when HOST is unset. */
export const DEFAULT_DEMO_HOST = '127.0.0.1';

/** 127.0.0.0/8, ::1 (also written in full or in brackets), IPv4-mapped 127.x, and `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (/^127(\.\d{1,3}){3}$/.test(h)) return h.split('.').every((part) => Number(part) <= 255);
  if (/^(0{1,4}:){7}0{0,3}1$/.test(h) || h === '::1') return true;
  return /^::ffff:127(\.\d{1,3}){3}$/.test(h);
}

export function decideDevOutbox({ nodeEnv, portalMode, host, devOutbox }: DevOutboxInput): DevOutboxDecision {
  if (portalMode !== 'demo' && nodeEnv === 'production') return { shown: false, reason: 'production' };
  if (devOutbox === 'off') return { shown: false, reason: 'off' };
  if (isLoopbackHost(host ?? DEFAULT_DEMO_HOST)) return { shown: true, reason: 'loopback' };
  return devOutbox === 'on' ? { shown: true, reason: 'forced' } : { shown: false, reason: 'network' };
}

/** The start-up line of `npm run demo` about the outbox, in French. */
export function describeDevOutbox(decision: DevOutboxDecision, url: string, host: string): string {
  switch (decision.reason) {
    case 'loopback':
      return `Courriels envoyés : ${url}/dev/courriels (visible depuis cet ordinateur seulement).`;
    case 'forced':
      return `Attention : le portail écoute sur ${host} et DEV_OUTBOX=on ouvre ${url}/dev/courriels à toute personne qui l’atteint. Elle peut y lire les liens de réinitialisation de mot de passe et prendre n’importe quel compte, administrateur compris. Ne le faites que sur un réseau de confiance.`;
    case 'network':
      return `Boîte d’envoi de développement (/dev/courriels) désactivée : le portail écoute sur ${host}, joignable depuis le réseau, et elle montrerait à tous les liens de réinitialisation de mot de passe. Les courriels restent dans la base. Pour l’ouvrir quand même (réseau de confiance seulement) : DEV_OUTBOX=on.`;
    case 'off':
      return 'Boîte d’envoi de développement (/dev/courriels) désactivée (DEV_OUTBOX=off).';
    case 'production':
      return 'Boîte d’envoi de développement désactivée (mode production).';
  }
}
