/**
 * create-admin and doctor as an admin runs them: create-admin refuses the
 * passwords serve refuses and makes an admin who can sign in; doctor checks
 * the mail server for real, and never prints a secret.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { startDesk } from '../../server/desk.ts';
import type { Output } from '../../server/operations/args.ts';
import { createAdmin } from '../../server/operations/create-admin.ts';
import { doctor } from '../../server/operations/doctor.ts';
import { startMailCatcher, type MailCatcher } from '../support/mail-catcher.ts';
import { signedIn } from '../support/test-desk.ts';

let scratch: string;
let mail: MailCatcher;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'deskwright-admin-commands-'));
  mail = await startMailCatcher();
});
afterAll(async () => {
  await mail.close();
  rmSync(scratch, { recursive: true, force: true });
});

function capture(): Output & { text: () => string } {
  const lines: string[] = [];
  return { out: (l) => lines.push(l), err: (l) => lines.push(l), text: () => lines.join('\n') };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe('create-admin', () => {
  const dbFile = () => join(scratch, 'admins', 'desk.sqlite');

  it.each([
    ['a short password', ['--email', 'it@acme.example', '--password', 'short'], 'at least 12 characters'],
    ['the demo password', ['--email', 'it@acme.example', '--password', 'deskwright-demo'], 'must not be the published demo password'],
    ['no e-mail address', ['--password', 'a-long-admin-password'], 'usage: '],
    ['a bad e-mail address', ['--email', 'not-an-address', '--password', 'a-long-admin-password'], 'must be an e-mail address'],
  ])('refuses %s', async (_what, args, message) => {
    await expect(createAdmin(args, { DESK_DB: dbFile() }, capture())).rejects.toThrow(message);
  });

  it('makes an admin (password from DESK_ADMIN_PASSWORD) who can sign in, and refuses the same address twice', async () => {
    const io = capture();
    expect(await createAdmin(['--email', 'it@acme.example', '--name', 'IT'], { DESK_DB: dbFile(), DESK_ADMIN_PASSWORD: 'a-long-admin-password' }, io)).toBe(0);
    expect(io.text()).toContain('Created the admin it@acme.example');
    await expect(createAdmin(['--email', 'it@acme.example', '--password', 'another-long-password'], { DESK_DB: dbFile() }, capture())).rejects.toThrow('already an account');

    const desk = await startDesk({ config: loadConfig({ DESK_DB: dbFile(), PORT: '0', HOST: '127.0.0.1' }), mode: 'serve' });
    try {
      // The desk had an account already, so serve made no first admin of its own.
      expect(desk.signIn).toEqual([]);
      const it = await signedIn(desk.url, 'it@acme.example', 'a-long-admin-password');
      expect((await it.get('/api/me')).body.user.roles).toEqual(['admin']);
    } finally {
      await desk.close();
    }
  });
});

describe('doctor', () => {
  it('reaches the mail server, lists what the environment sets with secrets masked, and passes', async () => {
    const io = capture();
    const env = {
      DESK_DB: join(scratch, 'doctor', 'desk.sqlite'),
      SMTP_URL: mail.url,
      IMAP_URL: 'imaps://desk:mail-pass-123@imap.acme.example',
      DESK_ADMIN_PASSWORD: 'a-long-admin-password',
      WEBHOOK_SECRET: 'webhook-secret-0123456789',
    };
    const code = await doctor([], env, io);
    const text = io.text();
    expect(text).toMatch(/ok\s+mail\s+the SMTP server at 127\.0\.0\.1:\d+ answers/);
    expect(text).toMatch(/warn\s+database\s+no database at/);
    expect(text).toContain('DESK_ADMIN_PASSWORD=•••••••• (set)');
    expect(text).toContain('IMAP_URL=imaps://desk:***@imap.acme.example');
    for (const secret of ['mail-pass-123', 'a-long-admin-password', 'webhook-secret-0123456789']) expect(text).not.toContain(secret);
    expect(code).toBe(0);
  });

  it('fails when the mail server cannot be reached, or the configuration is not valid', async () => {
    const io = capture();
    const code = await doctor([], { DESK_DB: join(scratch, 'doctor', 'desk.sqlite'), SMTP_URL: `smtp://127.0.0.1:${await closedPort()}`, PORT: 'eighty' }, io);
    expect(io.text()).toMatch(/FAIL\s+mail\s+the SMTP server at 127\.0\.0\.1:\d+ cannot be reached/);
    expect(io.text()).toMatch(/FAIL\s+configuration\s+.*PORT/);
    expect(io.text()).toContain('2 problems found.');
    expect(code).toBe(1);
  });
});
