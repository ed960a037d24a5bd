/**
 * Which address a request came from, for the sign-in limit. The socket's,
 * unless it is one of `DESK_TRUSTED_PROXIES`: then `X-Forwarded-For` is read
 * from the right, skipping the trusted proxies' own entries, and the first
 * address no trusted proxy owns is the client. Entries further left were
 * written by the client itself, so they are never believed.
 */
import { BlockList, isIP } from 'node:net';

/** A set of CIDRs, e.g. `10.0.0.0/8, 2001:db8::/32`; a bare address is one host. */
export class TrustedProxies {
  readonly #list = new BlockList();
  readonly size: number;

  /** Throws, naming the entry, when one is not an address or CIDR. */
  constructor(cidrs: readonly string[]) {
    for (const cidr of cidrs) {
      const [address = '', prefix, ...rest] = cidr.split('/');
      const family = isIP(address);
      const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
      if (!family || rest.length || !/^\d*$/.test(prefix ?? '') || !Number.isInteger(bits) || bits < 0 || bits > (family === 6 ? 128 : 32)) {
        throw new Error(`"${cidr}" is not an IP address or CIDR range (like 10.0.0.0/8 or 2001:db8::/32)`);
      }
      this.#list.addSubnet(address, bits, family === 6 ? 'ipv6' : 'ipv4');
    }
    this.size = cidrs.length;
  }

  has(address: string): boolean {
    const plain = unmapped(address);
    const family = isIP(plain);
    return family !== 0 && this.#list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  }
}

/** `::ffff:10.0.0.1` (IPv4 on a dual-stack socket) as `10.0.0.1`. */
const unmapped = (address: string) => (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address) ? address.slice(7) : address);

/** The client's address; `forwardedFor` is every `X-Forwarded-For` header, joined in order. */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, trusted: TrustedProxies): string {
  const socket = unmapped(socketAddress ?? 'unknown');
  if (!trusted.size || !trusted.has(socket) || !forwardedFor) return socket;
  const hops = forwardedFor.split(',').map((h) => unmapped(h.trim()));
  let nearest = socket;
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = hops[i]!;
    // Not an address: a trusted proxy would not write that, so stop at the last one that did.
    if (!isIP(hop)) return nearest;
    if (!trusted.has(hop)) return hop;
    nearest = hop;
  }
  return nearest;
}
