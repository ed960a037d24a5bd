/**
 * Backup and restore against a real desk: a backup taken during a burst of
 * submissions holds every ticket acknowledged before it began and passes
 * SQLite's integrity check; restore checks every checksum and the
 * database's integrity before it swaps anything in, and never replaces the
 * database of a desk that is running.
 */
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import BetterSqlite3 from 'better-sqlite3';
import { pack as tarPack } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDesk } from '../../server/operations/backup.ts';
import { writeArchive } from '../../server/operations/backup-archive.ts';
import { restoreDesk } from '../../server/operations/restore.ts';
import { rowChecksums } from '../support/row-checksums.ts';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let requester: Client;
let scratch: string;

beforeAll(async () => {
  t = await startTestDesk({ smtp: false });
  requester = await t.as('requester@example.com');
  scratch = mkdtempSync(join(tmpdir(), 'deskwright-backups-'));
});
afterAll(async () => {
  await t.close();
  rmSync(scratch, { recursive: true, force: true });
});

const submit = (summary: string) =>
  requester.post('/api/workflows/it-incident/submissions', { fields: { summary, service: 'vpn', impact: 'me', urgency: 'low', details: 'x' } });

function ticketIds(file: string): number[] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return db.prepare('SELECT id FROM tickets ORDER BY id').pluck().all() as number[];
  } finally {
    db.close();
  }
}

describe('backup during a burst of submissions', () => {
  it('holds every ticket acknowledged before it began, and restores into a sound database', async () => {
    const acknowledged: number[] = [];
    let running = true;
    let n = 0;
    const refused: unknown[] = [];
    const worker = async () => {
      while (running) {
        const res = await submit(`burst ${n++}`);
        if (res.status === 201) acknowledged.push(res.body.ticket.id);
        else refused.push(res.body);
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    while (acknowledged.length < 40 && refused.length === 0) await new Promise((r) => setTimeout(r, 10));
    const before = [...acknowledged];
    const archive = join(scratch, 'burst.tar.gz');
    const { manifest } = await backupDesk(t.dbFile, archive);
    running = false;
    await Promise.all(workers);
    expect(refused).toEqual([]);

    expect(manifest.tickets).toBeGreaterThanOrEqual(before.length);
    const target = join(scratch, 'burst', 'desk.sqlite');
    await restoreDesk(archive, target);
    const db = new BetterSqlite3(target, { readonly: true });
    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    db.close();
    const restored = new Set(ticketIds(target));
    expect(before.filter((id) => !restored.has(id))).toEqual([]);
  }, 60_000);
});

describe('restore', () => {
  let archive: string;
  beforeAll(async () => {
    await submit('before the backup');
    archive = join(scratch, 'desk.tar.gz');
    await backupDesk(t.dbFile, archive);
  });

  it('refuses to replace the database of a running desk, and leaves it as it was', async () => {
    const rows = rowChecksums(t.dbFile);
    await expect(restoreDesk(archive, t.dbFile)).rejects.toThrow(/A desk is running on/);
    expect(rowChecksums(t.dbFile)).toEqual(rows);
    expect((await submit('still working')).status).toBe(201);
  });

  it('keeps the database it replaces beside it', async () => {
    const target = join(scratch, 'replace', 'desk.sqlite');
    await restoreDesk(archive, target);
    const first = rowChecksums(target);
    const { previous } = await restoreDesk(archive, target);
    expect(previous).toMatch(/desk\.sqlite\.before-restore-/);
    expect(rowChecksums(previous!)).toEqual(first);
    expect(rowChecksums(target)).toEqual(first);
  });

  it('restores over a database SQLite can no longer read, keeping that file aside', async () => {
    const target = join(scratch, 'over-damaged', 'desk.sqlite');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, 'this was a database once\n'.repeat(400));
    const { previous, manifest } = await restoreDesk(archive, target);
    expect(readFileSync(previous!, 'utf8')).toContain('this was a database once');
    expect(manifest.tickets).toBeGreaterThan(0);
    expect(ticketIds(target)).toHaveLength(manifest.tickets);
  });

  it('refuses a damaged archive before touching anything', async () => {
    const bytes = readFileSync(archive);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    const damaged = join(scratch, 'damaged.tar.gz');
    writeFileSync(damaged, bytes);
    const target = join(scratch, 'damaged', 'desk.sqlite');
    await expect(restoreDesk(damaged, target)).rejects.toThrow();
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a file whose checksum differs from the one backup.json lists', async () => {
    const copy = join(scratch, 'copy.sqlite');
    await backupDesk(t.dbFile, join(scratch, 'for-copy.tar.gz'));
    await restoreDesk(join(scratch, 'for-copy.tar.gz'), copy);
    const forged = join(scratch, 'forged.tar.gz');
    const pack = tarPack();
    const written = pipeline(pack, createGzip(), createWriteStream(forged));
    pack.entry({ name: 'deskwright.sqlite' }, readFileSync(copy));
    const manifest = { format: 'deskwright-backup', formatVersion: 1, createdAt: '', deskVersion: '', schemaVersion: '', tickets: 0, files: [{ path: 'deskwright.sqlite', size: readFileSync(copy).length, sha256: '0'.repeat(64) }] };
    pack.entry({ name: 'backup.json' }, JSON.stringify(manifest));
    pack.finalize();
    await written;
    const target = join(scratch, 'forged', 'desk.sqlite');
    await expect(restoreDesk(forged, target)).rejects.toThrow('deskwright.sqlite does not match its checksum');
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a database that fails the integrity check, even with matching checksums', async () => {
    const copy = join(scratch, 'corrupt-source.sqlite');
    await restoreDesk(archive, copy);
    const bytes = readFileSync(copy);
    for (let page = 2; page * 4096 < bytes.length; page += 2) bytes.fill(0xa5, page * 4096, page * 4096 + 64);
    const corrupt = join(scratch, 'corrupt.sqlite');
    writeFileSync(corrupt, bytes);
    const bad = join(scratch, 'corrupt.tar.gz');
    await writeArchive(bad, [{ path: 'deskwright.sqlite', source: corrupt }], { format: 'deskwright-backup', formatVersion: 1, createdAt: '', deskVersion: '', schemaVersion: '', tickets: 0 });
    const target = join(scratch, 'corrupt', 'desk.sqlite');
    await expect(restoreDesk(bad, target)).rejects.toThrow(/The database in .*corrupt\.tar\.gz (fails SQLite's integrity check|cannot be read)/);
    expect(existsSync(target)).toBe(false);
  });
});
