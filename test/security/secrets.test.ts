/**
 * Secrets stay secret: the SMTP password, API tokens, passwords and session
 * secrets never appear in what the desk logs or answers, and a production
 * desk (`serve`) cannot start with a published or empty password.
 *
 * Mirrors FreeScout CVE-2026-27637 (a token anyone could compute from a
 * known secret) and credentials leaked through helpdesk logs and error pages.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig, publishedDemoPassword } from '../../server/config.ts';
import { demoPassword } from '../../server/services/accounts-bootstrap.service.ts';
import { startCli } from '../support/cli-process.ts';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { incident, startTestDesk, tokenClient, type TestDesk } from './support/people.ts';

const smtpPassword = 'smtp-Pa55-d0-not-log';
const userPassword = 'user-pa55phrase-never-shown';
const wrongPassword = 'wrong-pa55-never-logged';

/** Everything the process prints while the desk runs. */
const printed: string[] = [];
let t: TestDesk;
let smtp: SMTPServer;
/** What the SMTP server was sent as credentials: proof the desk really tried the password. */
const triedPasswords: string[] = [];
let token: string;

beforeAll(async () => {
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void printed.push(format(...args)));
  }
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      printed.push(String(chunk));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write);
  }
  // An SMTP server that refuses the desk's login: delivery fails, and the failure must not carry the password.
  smtp = new SMTPServer({
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    disableReverseLookup: true,
    onAuth(auth, _session, callback) {
      triedPasswords.push(auth.password ?? '');
      callback(new Error('Invalid username or password'));
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  t = await startTestDesk({ smtp: false, env: { SMTP_URL: `smtp://deskmail:${smtpPassword}@127.0.0.1:${port}` } });
  const admin = await t.as('admin@example.com');
  expect((await admin.post('/api/admin/users', { email: 'sam@example.com', name: 'Sam', password: userPassword, roles: ['requester'] })).status).toBe(201);
  token = (await admin.post('/api/admin/tokens', { name: 'Monitoring', email: 'sam@example.com' })).body.token;
});
afterAll(async () => {
  vi.restoreAllMocks();
  await t.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const secrets = () => [smtpPassword, userPassword, wrongPassword, token];

describe('what the desk answers', () => {
  it('never echoes a password, token or the SMTP password, in success or error bodies', async () => {
    const admin = await t.as('admin@example.com');
    const answers = [
      await t.anonymous().post('/api/auth/login', { email: 'sam@example.com', password: wrongPassword }),
      await t.anonymous().post('/api/auth/login', { email: wrongPassword, password: 42 }),
      await t.anonymous().post('/api/auth/login', { email: 'sam@example.com', password: userPassword }),
      await tokenClient(t.url, `${token}x`).get('/api/me'),
      await tokenClient(t.url, token).get('/api/me'),
      await admin.post('/api/admin/users', { email: 'sam@example.com', name: 'Sam again', password: userPassword, roles: ['requester'] }),
      await admin.post('/api/admin/users', { email: 'short@example.com', name: 'Short', password: wrongPassword.slice(0, 11), roles: ['requester'] }),
      await admin.get('/api/admin/users'),
    ];
    expect(answers.map((a) => a.status)).toEqual([401, 422, 200, 401, 200, 409, 422, 200]);
    const text = JSON.stringify(answers.map((a) => a.body));
    for (const s of [...secrets(), wrongPassword.slice(0, 11)]) expect(text).not.toContain(s);
    expect(text).not.toMatch(/scrypt\$|password_?hash/i);
  });

  it("keeps the SMTP password out of the outbox's failure reasons", async () => {
    const requester = await t.as('requester@example.com');
    const ticket = (await requester.post('/api/workflows/it-incident/submissions', incident('Mail check'))).body.ticket;
    const admin = await t.as('admin@example.com');
    let items: { ticketId: number; lastError: string | null }[] = [];
    for (let waited = 0; waited < 10_000 && !items.some((m) => m.lastError); waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
      items = (await admin.get('/api/admin/outbox')).body.items.filter((m: { ticketId: number }) => m.ticketId === ticket.id);
    }
    expect(triedPasswords).toContain(smtpPassword); // the desk really logged in with it…
    expect(items.map((m) => m.lastError).join(' ')).toMatch(/Invalid|auth/i); // …and the failure was recorded
    const encoded = [Buffer.from(`\u0000deskmail\u0000${smtpPassword}`).toString('base64'), Buffer.from(smtpPassword).toString('base64')];
    for (const s of [smtpPassword, ...encoded]) expect(JSON.stringify(items)).not.toContain(s);
  });

  it('prints none of them while it runs', () => {
    const all = printed.join('\n');
    for (const s of secrets()) expect(all).not.toContain(s);
  });
});

describe('a production desk', () => {
  it('refuses a published, short or empty admin password at start, without printing it', () => {
    expect(publishedDemoPassword).toBe(demoPassword);
    for (const password of [demoPassword, '', 'short-pw']) {
      expect(() => loadConfig({ DESK_ADMIN_PASSWORD: password }), JSON.stringify(password)).toThrow(/DESK_ADMIN_PASSWORD/);
      try {
        loadConfig({ DESK_ADMIN_PASSWORD: password });
      } catch (error) {
        if (password) expect((error as Error).message).not.toContain(password);
      }
    }
    expect(() => loadConfig({ DESK_ADMIN_PASSWORD: 'a long and private passphrase' })).not.toThrow();
  });

  it('refuses an SMTP_URL it cannot read without repeating it', () => {
    expect(() => loadConfig({ SMTP_URL: `not a url ${smtpPassword}` })).toThrow(/SMTP_URL/);
    try {
      loadConfig({ SMTP_URL: `not a url ${smtpPassword}` });
    } catch (error) {
      expect((error as Error).message).not.toContain(smtpPassword);
    }
  });

  it('`deskwright serve` prints neither the configured admin password nor the SMTP password, and has no demo accounts', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deskwright-secrets-'));
    const adminPassword = 'configured-admin-pa55phrase';
    const started = await startCli(
      'serve',
      { DESK_DB: join(dir, 'prod.sqlite'), DESK_ADMIN_EMAIL: 'it@acme.example', DESK_ADMIN_PASSWORD: adminPassword, SMTP_URL: `smtp://deskmail:${smtpPassword}@127.0.0.1:1` },
      /The first admin account:\n.*\n/,
    );
    try {
      expect(started.output).toContain('it@acme.example');
      expect(started.output).not.toContain(adminPassword);
      expect(started.output).not.toContain(smtpPassword);
      const login = (email: string, password: string) =>
        fetch(`${started.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
      expect((await login('admin@example.com', demoPassword)).status).toBe(401);
      expect((await login('it@acme.example', adminPassword)).status).toBe(200);
    } finally {
      started.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
