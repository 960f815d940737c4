// Next calls register() once when a server process starts.
export async function register() {
  // NEXT_RUNTIME is set by Next itself; the portal's own settings are read through lib/env.ts.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    // First: requests are tagged with their socket address from here on (per-client limits).
    const { installPeerAddressCapture } = await import('./lib/platform/peer-address');
    installPeerAddressCapture();
    const { startPortal } = await import('./lib/platform/startup');
    await startPortal();
  }
}
