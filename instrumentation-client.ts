// Runs in the browser before the page's modules (Next's instrumentation-client convention).
//
// zod compiles object schemas with `new Function` when it can, and probes for it with
// `Function("")` as each object schema is built: the CSP (no 'unsafe-eval', proxy.ts) blocks it
// and reports a violation, a Lighthouse best-practices fault. Interpreted parsing is fast enough
// for a form; servers keep the compiled path (this file never runs there). Decision 019.
//
// zod keeps its settings in `globalThis.__zod_globalConfig`, the object `z.config()` changes,
// shared by every copy of zod (zod/v4/core/core.js). Writing it here rather than calling
// `z.config()` keeps zod out of the pages that have no form (importing zod's config function
// brought 5 KB gz of zod core to every page); tests/unit/zod-browser-config.test.ts checks that the
// installed zod still reads it.
const holder = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
holder.__zod_globalConfig ??= {};
holder.__zod_globalConfig.jitless = true;

export {};
