/**
 * The one executable as an admin gets it: `dist/deskwright` (built by the
 * test, once) run from an empty folder with no node on PATH. It serves a
 * desk on ./deskwright.sqlite with its UI and API docs, takes a submission
 * with a file, backs up while it runs, refuses to restore over itself, and
 * its backup restores elsewhere with every row and attachment the same.
 * Doctor finds a damaged file and a pending migration.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, openSync, readFileSync, statSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { knownMigrations } from '../../server/operations/migrations.ts';
import { bareEnvironment, deskwrightBinary, emptyFolder, runBinary, runBinaryAsync, serveBinary } from '../support/binary.ts';
import { fileChecksums, rowChecksums } from '../support/row-checksums.ts';
import { signedIn } from '../support/test-desk.ts';

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const pixel = readFileSync(new URL('../fixtures/attachments/pixel.png', import.meta.url));
const admin = { DESK_ADMIN_EMAIL: 'it@acme.example', DESK_ADMIN_PASSWORD: 'a-long-admin-password' };

let binary: string;
let latestMigration: string;

beforeAll(async () => {
  binary = await deskwrightBinary();
  latestMigration = (await knownMigrations()).at(-1)!;
}, 600_000);

describe('the one executable', () => {
  it('runs where node is not on PATH and prints its version and schema version', () => {
    const home = emptyFolder();
    const env = bareEnvironment(home);
    expect(spawnSync('node', ['--version'], { env, cwd: home }).error).toMatchObject({ code: 'ENOENT' });
    const run = runBinary(binary, ['--version'], { cwd: home, env });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe(`deskwright ${version} (schema ${latestMigration})`);
  });

  it('serves a desk from an empty folder, backs it up while it runs, and restores it elsewhere with the same rows and files', async () => {
    const home = emptyFolder();
    const env = bareEnvironment(home, admin);
    const desk = await serveBinary(binary, { cwd: home, env });
    let ticketId: number;
    try {
      const health = await fetch(`${desk.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      expect(existsSync(join(home, 'deskwright.sqlite'))).toBe(true);

      // The UI and the API docs' own files come out of the executable.
      expect(await (await fetch(`${desk.url}/`)).text()).toContain('<title>Deskwright</title>');
      const docs = await (await fetch(`${desk.url}/api/docs`)).text();
      const docsAsset = /(?:src|href)="(\/api\/docs\/assets\/[^"]+)"/.exec(docs)?.[1];
      expect(docsAsset).toBeDefined();
      expect((await fetch(`${desk.url}${docsAsset}`)).status).toBe(200);

      const it = await signedIn(desk.url, admin.DESK_ADMIN_EMAIL, admin.DESK_ADMIN_PASSWORD);
      expect((await it.post('/api/admin/users', { email: 'kim@acme.example', name: 'Kim', password: 'correct-horse-battery', roles: ['requester'] })).status).toBe(201);
      const kim = await signedIn(desk.url, 'kim@acme.example', 'correct-horse-battery');
      const form = new FormData();
      form.append('file', new Blob([pixel]), 'error.png');
      const upload = await kim.post('/api/workflows/it-incident/attachments', form);
      expect(upload.status).toBe(201);
      const created = await kim.post('/api/workflows/it-incident/submissions', {
        fields: { summary: 'Printer jams', service: 'other', impact: 'me', urgency: 'low', details: 'Every page', screenshots: [upload.body.items[0].id] },
      });
      expect(created.status).toBe(201);
      ticketId = created.body.ticket.id;

      const backup = await runBinaryAsync(binary, ['backup', 'desk.tar.gz'], { cwd: home, env });
      expect(backup.stderr).toBe('');
      expect(backup.status).toBe(0);
      expect(backup.stdout).toContain('1 ticket, 1 attachment,');

      const overRunning = await runBinaryAsync(binary, ['restore', 'desk.tar.gz'], { cwd: home, env });
      expect(overRunning.status).toBe(1);
      expect(overRunning.stderr).toContain('A desk is running on deskwright.sqlite');
    } finally {
      await desk.stop();
    }

    const elsewhere = emptyFolder();
    const restored = runBinary(binary, ['restore', join(home, 'desk.tar.gz')], { cwd: elsewhere, env: bareEnvironment(elsewhere) });
    expect(restored.stderr).toBe('');
    expect(restored.status).toBe(0);
    expect(rowChecksums(join(elsewhere, 'deskwright.sqlite'))).toEqual(rowChecksums(join(home, 'deskwright.sqlite')));
    const files = fileChecksums(join(home, 'deskwright.sqlite.attachments'));
    expect(Object.keys(files)).toHaveLength(1);
    expect(fileChecksums(join(elsewhere, 'deskwright.sqlite.attachments'))).toEqual(files);

    const again = await serveBinary(binary, { cwd: elsewhere, env: bareEnvironment(elsewhere) });
    try {
      const kim = await signedIn(again.url, 'kim@acme.example', 'correct-horse-battery');
      const ticket = await kim.get(`/api/tickets/${ticketId}`);
      expect(ticket.status).toBe(200);
      expect(ticket.body.ticket.fields.summary).toBe('Printer jams');
      const file = await kim.get(`/api/attachments/${ticket.body.attachments[0].id}`);
      expect(Buffer.from(file.body as Uint8Array).equals(pixel)).toBe(true);
    } finally {
      await again.stop();
    }
  }, 180_000);

  it('doctor passes a sound desk and fails a damaged file and a pending migration', () => {
    const home = emptyFolder();
    const env = bareEnvironment(home);
    expect(runBinary(binary, ['migrate'], { cwd: home, env }).status).toBe(0);
    const healthy = runBinary(binary, ['doctor'], { cwd: home, env });
    expect(healthy.stdout).toContain('No problems found.');
    expect(healthy.status).toBe(0);

    copyFileSync(join(home, 'deskwright.sqlite'), join(home, 'behind.sqlite'));
    const behind = new BetterSqlite3(join(home, 'behind.sqlite'));
    behind.prepare('DELETE FROM kysely_migration WHERE name = ?').run(latestMigration);
    behind.close();
    const pending = runBinary(binary, ['doctor'], { cwd: home, env: { ...env, DESK_DB: 'behind.sqlite' } });
    expect(pending.status).toBe(1);
    expect(pending.stdout).toMatch(new RegExp(`FAIL\\s+migrations\\s+1 pending: ${latestMigration}`));

    copyFileSync(join(home, 'deskwright.sqlite'), join(home, 'damaged.sqlite'));
    const pageSize = 4096;
    const pages = statSync(join(home, 'damaged.sqlite')).size / pageSize;
    const fd = openSync(join(home, 'damaged.sqlite'), 'r+');
    for (let page = 2; page < pages; page += 2) writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, page * pageSize);
    closeSync(fd);
    const damaged = runBinary(binary, ['doctor'], { cwd: home, env: { ...env, DESK_DB: 'damaged.sqlite' } });
    expect(damaged.status).toBe(1);
    expect(damaged.stdout).toMatch(/FAIL\s+database\s+damaged\.sqlite (fails SQLite's integrity check|cannot be read)/);
    // The original is untouched by all this.
    expect(runBinary(binary, ['doctor'], { cwd: home, env }).status).toBe(0);
  }, 120_000);
});
