import { describe, expect, it, test } from 'vitest';
import { clientAddress, TrustedProxies } from './client-address.ts';

const proxies = new TrustedProxies(['10.0.0.0/8', '192.168.1.5', '2001:db8::/32']);

describe('clientAddress', () => {
  test.each<[string, string | undefined, string | undefined, string]>([
    ['an untrusted socket: the header is ignored', '203.0.113.9', '198.51.100.1', '203.0.113.9'],
    ['a trusted proxy: the address it forwarded', '10.0.0.2', '198.51.100.1', '198.51.100.1'],
    ['a trusted proxy on a dual-stack socket', '::ffff:10.0.0.2', '198.51.100.1', '198.51.100.1'],
    ['entries the client wrote itself are skipped: the rightmost untrusted one wins', '10.0.0.2', '1.2.3.4, 5.6.7.8, 198.51.100.1', '198.51.100.1'],
    ['a chain of trusted proxies is walked through', '10.0.0.2', '1.2.3.4, 198.51.100.1, 192.168.1.5, 10.9.9.9', '198.51.100.1'],
    ['IPv6 proxies and clients', '2001:db8::1', '2001:db8::2, 2a00:1450::1', '2a00:1450::1'],
    ['every hop trusted: the farthest one', '10.0.0.2', '10.1.1.1, 10.2.2.2', '10.1.1.1'],
    ['garbage from the right: the last trusted hop', '10.0.0.2', '198.51.100.1, not-an-ip', '10.0.0.2'],
    ['a trusted proxy that forwarded nothing: itself', '10.0.0.2', undefined, '10.0.0.2'],
  ])('%s', (_what, socket, header, expected) => {
    expect(clientAddress(socket, header, proxies)).toBe(expected);
  });

  it('trusts nobody when no proxies are configured', () => {
    expect(clientAddress('127.0.0.1', '198.51.100.1', new TrustedProxies([]))).toBe('127.0.0.1');
  });
});

describe('TrustedProxies', () => {
  it.each(['10.0.0.0/33', 'example.com', '10.0.0.0/8/1', '::1/129', '10.0.0.0/x', ''])('refuses %j, naming it', (cidr) => {
    expect(() => new TrustedProxies([cidr])).toThrow(`"${cidr}" is not an IP address or CIDR range`);
  });

  it('matches whole ranges and single hosts', () => {
    expect([proxies.has('10.255.0.1'), proxies.has('11.0.0.1'), proxies.has('192.168.1.5'), proxies.has('192.168.1.6'), proxies.has('2001:db8:ffff::1')]).toEqual([true, false, true, false, true]);
  });
});
