/**
 * Addresses a webhook must not reach unless an admin allow-lists the host:
 * loopback, private and link-local networks (cloud metadata lives at
 * 169.254.169.254), carrier-grade NAT, multicast and the like, in IPv4 and
 * IPv6, including IPv4 written inside IPv6.
 */
import { BlockList, isIP } from 'node:net';

const inside = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) inside.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const) inside.addSubnet(net, bits, 'ipv6');

/** Why the address is off limits, or null when it is a public address. */
export function insideAddress(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return `${address} is not an IP address`;
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return insideAddress(mapped[1]!);
  }
  return inside.check(address, family === 4 ? 'ipv4' : 'ipv6') ? `${address} is an internal address (loopback, private, link-local or reserved)` : null;
}
