import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insideAddress } from './inside-addresses.ts';
import { PermanentDeliveryError, webhookChannel, type WebhookSettings } from './webhook.ts';

describe('inside addresses', () => {
  it.each([
    ['127.0.0.1'], ['10.1.2.3'], ['172.16.0.9'], ['192.168.1.1'], ['169.254.169.254'], ['100.64.0.1'], ['0.0.0.0'],
    ['::1'], ['fe80::1'], ['fd00::5'], ['::ffff:127.0.0.1'], ['::ffff:169.254.169.254'],
  ])('refuses %s', (address) => {
    expect(insideAddress(address)).toMatch(/internal address/);
  });

  it.each([['93.184.216.34'], ['2606:4700::6810:85e5'], ['8.8.8.8']])('lets %s through', (address) => {
    expect(insideAddress(address)).toBeNull();
  });
});

describe('delivering a webhook', () => {
  let server: Server;
  let port: number;
  let hits = 0;
  let behaviour: 'ok' | 'redirect' | 'silent' = 'ok';
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits++;
      req.resume();
      if (behaviour === 'redirect') res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' }).end();
      else if (behaviour === 'ok') res.writeHead(204).end();
      // silent: never answers
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });

  const settings: WebhookSettings = { secret: 'sixteen-characters!', allowHosts: [], timeoutMs: 2000 };
  const post = (url: string, s = settings) => webhookChannel(s).post({ url, event: 'escalation.fired', deliveryId: 1, body: '{}' });

  it.each([
    ['loopback', () => `http://127.0.0.1:${port}/hook`],
    ['loopback written as a decimal number', () => `http://2130706433:${port}/hook`],
    ['loopback written in hex', () => `http://0x7f.0.0.1:${port}/hook`],
    ['IPv6 loopback', () => `http://[::1]:${port}/hook`],
    ['a name that resolves to loopback', () => `http://localhost:${port}/hook`],
    ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data'],
  ])('refuses %s without reaching it', async (_name, url) => {
    const before = hits;
    await expect(post(url())).rejects.toThrow(PermanentDeliveryError);
    await expect(post(url())).rejects.toThrow(/refused/);
    expect(hits).toBe(before);
  });

  it('reaches an inside host an admin allow-listed, and does not follow its redirect', async () => {
    const allowed = { ...settings, allowHosts: ['127.0.0.1'] };
    behaviour = 'ok';
    await expect(post(`http://127.0.0.1:${port}/hook`, allowed)).resolves.toBeUndefined();
    behaviour = 'redirect';
    await expect(post(`http://127.0.0.1:${port}/hook`, allowed)).rejects.toThrow(/redirect/);
  });

  it('gives up on a receiver that does not answer in time', async () => {
    behaviour = 'silent';
    await expect(post(`http://127.0.0.1:${port}/hook`, { ...settings, allowHosts: ['127.0.0.1'], timeoutMs: 200 })).rejects.toThrow(/no answer within 200 ms/);
  });

  it('sends nothing without a secret to sign with', async () => {
    await expect(post('https://hooks.example.com/x', { ...settings, secret: undefined })).rejects.toThrow(/WEBHOOK_SECRET/);
  });
});
