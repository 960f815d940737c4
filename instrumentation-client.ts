import { config } from 'zod/v4/core';

// Runs in the browser before the page's modules (Next's instrumentation-client convention).
// zod compiles object schemas with `new Function` when it can, and probes for it with
// `Function("")` as each object schema is built: the CSP (no 'unsafe-eval', proxy.ts) blocks it
// and reports a violation, a Lighthouse best-practices fault. Interpreted parsing is fast enough
// for a form; servers keep the compiled path (this file never runs there). Decision 019.
config({ jitless: true });
