import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { decideDevOutbox, describeDevOutbox, isLoopbackHost } from '@/lib/common/dev-outbox';

// Hole 8 of issue 8: the outbox shows every reset link, so a demo reachable from the network
// must not serve it unless DEV_OUTBOX=on says so.

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', 'portail.localhost', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(['0.0.0.0', '::', '[::]', '192.168.1.10', '10.0.0.1', '203.0.113.5', 'demo.example.fr', '127.0.0.1.example.fr', '127.0.0.256', '::2', 'localhost.example.fr', '128.0.0.1'])(
    '%s is not loopback',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
    },
  );
});

describe('decideDevOutbox', () => {
  const demo = { nodeEnv: 'production', portalMode: 'demo' } as const;

  it.each([
    // [case, input, shown, reason]
    ['demo, HOST unset (127.0.0.1)', { ...demo }, true, 'loopback'],
    ['demo on 127.0.0.1', { ...demo, host: '127.0.0.1' }, true, 'loopback'],
    ['demo on ::1', { ...demo, host: '::1' }, true, 'loopback'],
    ['demo on every interface', { ...demo, host: '0.0.0.0' }, false, 'network'],
    ['demo on every IPv6 interface', { ...demo, host: '::' }, false, 'network'],
    ['demo on a public address', { ...demo, host: '203.0.113.5' }, false, 'network'],
    ['demo on a public address with DEV_OUTBOX=on', { ...demo, host: '203.0.113.5', devOutbox: 'on' }, true, 'forced'],
    ['demo on loopback with DEV_OUTBOX=off', { ...demo, host: '127.0.0.1', devOutbox: 'off' }, false, 'off'],
    ['development, HOST unset', { nodeEnv: 'development', portalMode: 'production' }, true, 'loopback'],
    ['development on every interface', { nodeEnv: 'development', portalMode: 'production', host: '0.0.0.0' }, false, 'network'],
    ['production', { nodeEnv: 'production', portalMode: 'production' }, false, 'production'],
    ['production, even with DEV_OUTBOX=on', { nodeEnv: 'production', portalMode: 'production', host: '127.0.0.1', devOutbox: 'on' }, false, 'production'],
  ] as const)('%s', (_, input, shown, reason) => {
    expect(decideDevOutbox(input)).toEqual({ shown, reason });
  });
});

describe('HOST and DEV_OUTBOX through lib/env.ts', () => {
  it('decides the outbox from the environment', () => {
    expect(parseEnv({ NODE_ENV: 'production', PORTAL_MODE: 'demo' }).showsDevOutbox).toBe(true);
    expect(parseEnv({ NODE_ENV: 'production', PORTAL_MODE: 'demo', HOST: '0.0.0.0' }).showsDevOutbox).toBe(false);
    expect(parseEnv({ NODE_ENV: 'production', PORTAL_MODE: 'demo', HOST: '0.0.0.0', DEV_OUTBOX: 'on' }).showsDevOutbox).toBe(true);
    // An empty value is unset, like every other variable.
    expect(parseEnv({ NODE_ENV: 'production', PORTAL_MODE: 'demo', HOST: '', DEV_OUTBOX: '' }).devOutbox).toEqual({ shown: true, reason: 'loopback' });
  });

  it('refuses values it does not understand, naming the variable', () => {
    expect(() => parseEnv({ DEV_OUTBOX: 'yes' })).toThrow(/DEV_OUTBOX/);
    expect(() => parseEnv({ HOST: 'http://0.0.0.0' })).toThrow(/HOST must be an address or a host name/);
  });
});

describe('the start-up line of npm run demo', () => {
  it('says, in French, why the outbox is off and how to open it', () => {
    const line = describeDevOutbox({ shown: false, reason: 'network' }, 'http://localhost:3000', '0.0.0.0');
    expect(line).toContain('/dev/courriels) désactivée');
    expect(line).toContain('0.0.0.0');
    expect(line).toContain('DEV_OUTBOX=on');
  });

  it('warns when DEV_OUTBOX=on opens it to the network', () => {
    expect(describeDevOutbox({ shown: true, reason: 'forced' }, 'http://192.168.1.10:3000', '192.168.1.10')).toMatch(/^Attention .*prendre n’importe quel compte/);
    expect(describeDevOutbox({ shown: true, reason: 'loopback' }, 'http://localhost:3000', '127.0.0.1')).toBe(
      'Courriels envoyés : http://localhost:3000/dev/courriels (visible depuis cet ordinateur seulement).',
    );
  });
});
