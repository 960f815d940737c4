import { BlockList, isIP } from 'node:net';

// Which address a request comes from, for per-client limits. Pure functions (no Next, no env):
// lib/security/client-key.ts feeds them the socket address and X-Forwarded-For, lib/env.ts the setting.
//
// X-Forwarded-For is written left to right: the client first, then each proxy appends the address
// it received the request from. Only the entries appended by proxies we trust can be believed, and
// those are at the right end. So: start from the socket address (nobody can forge that one), and
// while the address in hand is a trusted proxy, step one entry to the left. The first address
// that is not a trusted proxy is the client. With no trusted proxy, the socket address is the client.

export type TrustedProxies = { list: BlockList; entries: string[] };

export type ParsedTrustedProxies = { ok: true; value: TrustedProxies } | { ok: false; bad: string };

const MAPPED_IPV4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** `::ffff:192.0.2.1` (an IPv4 client on a dual-stack socket) is 192.0.2.1. Brackets and zones are dropped. */
export function normalizeAddress(raw: string): string {
  let address = raw.trim();
  if (address.startsWith('[') && address.includes(']')) address = address.slice(1, address.indexOf(']'));
  address = address.replace(/%.*$/, '');
  const mapped = MAPPED_IPV4.exec(address);
  return (mapped ? mapped[1] : address).toLowerCase();
}

function familyOf(address: string): 'ipv4' | 'ipv6' | null {
  const version = isIP(address);
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : null;
}

/**
 * Parses TRUSTED_PROXIES: comma-separated addresses or CIDR ranges, IPv4 or IPv6
 * (`10.0.0.1, 10.1.0.0/16, fd00::/8`). Empty: no trusted proxy. Returns the first bad entry.
 */
export function parseTrustedProxies(value: string | undefined): ParsedTrustedProxies {
  const list = new BlockList();
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [rawAddress, prefix, extra] = entry.split('/');
    const address = normalizeAddress(rawAddress);
    const family = familyOf(address);
    if (!family || extra !== undefined) return { ok: false, bad: entry };
    if (prefix === undefined) {
      list.addAddress(address, family);
      continue;
    }
    const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (!(bits >= 0 && bits <= (family === 'ipv4' ? 32 : 128))) return { ok: false, bad: entry };
    list.addSubnet(address, bits, family);
  }
  return { ok: true, value: { list, entries } };
}

export function isTrustedProxy(address: string, trusted: TrustedProxies): boolean {
  const family = familyOf(address);
  return family !== null && trusted.list.check(address, family);
}

/**
 * The client's address: the socket address, or, while that is a trusted proxy, the entries of
 * X-Forwarded-For read from the right. Null when the socket address is unknown.
 */
export function resolveClientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, trusted: TrustedProxies): string | null {
  if (!socketAddress) return null;
  let client = normalizeAddress(socketAddress);
  if (!isTrustedProxy(client, trusted)) return client;
  const hops = (forwardedFor ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    client = normalizeAddress(hops[i]);
    // A trusted proxy wrote this entry; if it is not an address (`unknown`, garbage), it is still
    // that proxy's word about its peer: keep it as an opaque key rather than reading further left.
    if (!familyOf(client) || !isTrustedProxy(client, trusted)) return client.slice(0, 64);
  }
  // Every hop is a trusted proxy: the leftmost one is the closest thing to a client we have.
  return client;
}

/**
 * The key per-client limits count under. An IPv6 client usually holds a whole /64 (and can pick
 * any address in it), so IPv6 addresses count per /64; IPv4 addresses count one by one.
 */
export function clientKeyOf(address: string): string {
  if (familyOf(address) !== 'ipv6') return address;
  const groups = expandIpv6(address);
  return `${groups.slice(0, 4).join(':')}::/64`;
}

function expandIpv6(address: string): string[] {
  const [head, tail = ''] = address.includes('::') ? address.split('::') : [address, undefined as unknown as string];
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  // An embedded IPv4 tail (::ffff:… other than mapped, or 64:ff9b::…) takes two groups.
  const last = right.length ? right : left;
  if (last.length && last[last.length - 1].includes('.')) {
    const [a, b, c, d] = last.pop()!.split('.').map(Number);
    last.push(((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
  }
  const missing = 8 - left.length - right.length;
  const groups = address.includes('::') ? [...left, ...Array(Math.max(0, missing)).fill('0'), ...right] : left;
  return groups.map((group) => (parseInt(group, 16) || 0).toString(16));
}
