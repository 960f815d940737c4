// Next calls register() once when a server process starts.
export async function register() {
  // NEXT_RUNTIME is set by Next itself; the portal's own settings are read through lib/env.ts.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { installConsoleBridge } = await import('./lib/platform/logger');
    // What Next itself prints (every error a page or an action throws) becomes one scrubbed JSON
    // line; `next dev` keeps its readable output.
    if (process.env.NODE_ENV === 'production') installConsoleBridge();
    const { startPortal } = await import('./lib/platform/startup');
    await startPortal({ role: 'web' });
  }
}
