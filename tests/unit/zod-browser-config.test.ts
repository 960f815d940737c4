import { afterEach, describe, expect, it, vi } from 'vitest';

// instrumentation-client.ts turns zod's JIT off in the browser by writing zod's shared settings
// object directly (decision 019): this checks that the installed zod still reads it, and that it
// then never probes for `new Function` (a CSP violation report in the browser).
describe('jitless zod in the browser (instrumentation-client.ts)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.resetModules();
  });

  it('zod reads the settings written before it loads, and builds object schemas without probing Function', async () => {
    await import('@/instrumentation-client');
    const probe = vi.spyOn(globalThis, 'Function');
    const { z } = await import('zod');
    expect(z.config().jitless).toBe(true);
    const schema = z.object({ nom: z.string().min(1) });
    expect(schema.safeParse({ nom: 'Camille' }).success).toBe(true);
    expect(probe).not.toHaveBeenCalled();
  });
});
