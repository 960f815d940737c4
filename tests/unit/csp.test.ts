import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy, createNonce } from '@/lib/security/csp';

describe('buildContentSecurityPolicy', () => {
  it('allows scripts only with the nonce in production and forbids framing', () => {
    const csp = buildContentSecurityPolicy({ nonce: 'abc', dev: false, https: true });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain('upgrade-insecure-requests');
  });

  it('adds unsafe-eval only in development and no upgrade over plain http', () => {
    const csp = buildContentSecurityPolicy({ nonce: 'abc', dev: true, https: false });
    expect(csp).toContain("'unsafe-eval'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it('creates a different unpredictable nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });
});
