// When a live-updates stream cannot reconnect by itself (an error status), when to try again.

const RECONNECT_BASE_MS = 1_000;
const RECONNECT_MAX_MS = 60_000;

/** Exponential backoff with full jitter: 1 s, 2 s, 4 s… up to a minute, each drawn at random below. */
export function reconnectDelayMs(failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(RECONNECT_BASE_MS / 2 + random() * (ceiling - RECONNECT_BASE_MS / 2));
}
