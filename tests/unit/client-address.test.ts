import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '@/lib/env';
import { clientKeyOf, normalizeAddress, parseTrustedProxies, resolveClientAddress, type TrustedProxies } from '@/lib/common/client-address';

function trusted(list: string): TrustedProxies {
  const parsed = parseTrustedProxies(list);
  if (!parsed.ok) throw new Error(`bad entry ${parsed.bad}`);
  return parsed.value;
}

const NONE = trusted('');

describe('TRUSTED_PROXIES', () => {
  it('reads addresses and CIDR ranges, IPv4 and IPv6, with spaces', () => {
    const proxies = trusted(' 10.0.0.1 , 192.168.0.0/16,fd00::/8, 2001:db8::1 ');
    expect(proxies.entries).toEqual(['10.0.0.1', '192.168.0.0/16', 'fd00::/8', '2001:db8::1']);
    expect(resolveClientAddress('10.0.0.1', '198.51.100.7', proxies)).toBe('198.51.100.7');
    expect(resolveClientAddress('192.168.44.3', '198.51.100.7', proxies)).toBe('198.51.100.7');
    expect(resolveClientAddress('fd12:3456::9', '198.51.100.7', proxies)).toBe('198.51.100.7');
    expect(resolveClientAddress('2001:db8::1', '198.51.100.7', proxies)).toBe('198.51.100.7');
    expect(resolveClientAddress('10.0.0.2', '198.51.100.7', proxies)).toBe('10.0.0.2');
  });

  it('refuses bad entries and names the first one', () => {
    for (const bad of ['10.0.0.300', '10.0.0.0/33', 'fd00::/129', '10.0.0.0/8/1', 'localhost', '10.0.0.0/', '10.0.0.0/-1', '::g']) {
      expect(parseTrustedProxies(`10.0.0.1,${bad}`)).toEqual({ ok: false, bad });
    }
  });

  it('is validated at start-up with one clear line, and means "none" when unset', () => {
    expect(() => parseEnv({ TRUSTED_PROXIES: '10.0.0.0/40' })).toThrow(ConfigError);
    expect(() => parseEnv({ TRUSTED_PROXIES: '10.0.0.0/40' })).toThrow(/^Invalid configuration: TRUSTED_PROXIES has a bad entry "10\.0\.0\.0\/40"/);
    expect(parseEnv({}).TRUSTED_PROXIES.entries).toEqual([]);
    expect(parseEnv({ TRUSTED_PROXIES: '' }).TRUSTED_PROXIES.entries).toEqual([]);
    expect(parseEnv({ TRUSTED_PROXIES: '127.0.0.1,::1' }).TRUSTED_PROXIES.entries).toEqual(['127.0.0.1', '::1']);
  });
});

describe('the client address', () => {
  it('is the socket address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(resolveClientAddress('203.0.113.9', '1.2.3.4', NONE)).toBe('203.0.113.9');
    expect(resolveClientAddress('203.0.113.9', '1.2.3.4, 5.6.7.8', NONE)).toBe('203.0.113.9');
    expect(resolveClientAddress('::ffff:203.0.113.9', undefined, NONE)).toBe('203.0.113.9');
  });

  it('walks X-Forwarded-For from the right, skipping trusted proxies; the first other address is the client', () => {
    const proxies = trusted('10.0.0.0/8');
    // The client wrote "6.6.6.6" itself; the edge proxy appended the real peer, 198.51.100.7.
    expect(resolveClientAddress('10.0.0.5', '6.6.6.6, 198.51.100.7', proxies)).toBe('198.51.100.7');
    // Two trusted hops.
    expect(resolveClientAddress('10.0.0.5', '6.6.6.6, 198.51.100.7, 10.1.2.3', proxies)).toBe('198.51.100.7');
    // Duplicate headers arrive joined by commas; blanks and spaces are ignored.
    expect(resolveClientAddress('10.0.0.5', ' 198.51.100.7 ,, 10.1.2.3 ', proxies)).toBe('198.51.100.7');
    // A trusted proxy that saw no header: the socket address of that proxy is all there is.
    expect(resolveClientAddress('10.0.0.5', undefined, proxies)).toBe('10.0.0.5');
    expect(resolveClientAddress('10.0.0.5', '10.0.0.6', proxies)).toBe('10.0.0.6');
    // IPv6 and IPv4-mapped entries.
    expect(resolveClientAddress('10.0.0.5', '2001:db8:aa::1', proxies)).toBe('2001:db8:aa::1');
    expect(resolveClientAddress('::ffff:10.0.0.5', '[2001:db8:aa::1]', proxies)).toBe('2001:db8:aa::1');
  });

  it('keeps a non-address written by a trusted proxy as an opaque key instead of reading further left', () => {
    expect(resolveClientAddress('10.0.0.5', '1.2.3.4, unknown', trusted('10.0.0.5'))).toBe('unknown');
  });

  it('is unknown (null) when the socket address was not captured', () => {
    expect(resolveClientAddress(undefined, '1.2.3.4', trusted('0.0.0.0/0'))).toBeNull();
  });

  it('normalizes IPv4-mapped, bracketed and zoned forms', () => {
    expect(normalizeAddress('::FFFF:192.0.2.1')).toBe('192.0.2.1');
    expect(normalizeAddress('[2001:DB8::1]')).toBe('2001:db8::1');
    expect(normalizeAddress('fe80::1%eth0')).toBe('fe80::1');
  });

  it('counts IPv6 clients per /64 (they can pick any address in it) and IPv4 clients one by one', () => {
    expect(clientKeyOf('203.0.113.9')).toBe('203.0.113.9');
    expect(clientKeyOf('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientKeyOf('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(clientKeyOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKeyOf('::1')).toBe('0:0:0:0::/64');
    expect(clientKeyOf('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
  });
});
