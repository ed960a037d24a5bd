/**
 * Upgrades: a database made by the released v0.1.0 (test/fixtures/upgrade/,
 * made by scripts/make-upgrade-fixture.ts) is migrated by this code and reads
 * back the same, row by row and through the API; all pending migrations run
 * in one transaction, so a failing one leaves the old database as it was;
 * and a database that a newer desk migrated is refused, unchanged.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql, type Migration } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/db/database.ts';
import { DatabaseNewerThanDeskError, deskMigrations, migrateToLatest, migrationState, schemaVersion } from '../../server/db/migrations/index.ts';
import { startDesk } from '../../server/desk.ts';
import { startCli } from '../support/cli-process.ts';

const fixtures = new URL('../fixtures/upgrade/', import.meta.url).pathname;
const expected = JSON.parse(readFileSync(join(fixtures, 'v0.1.0.expected.json'), 'utf8')) as {
  tickets: { ticket: Record<string, unknown> & { id: number; updatedAt: string }; events: unknown[]; attachments: { id: string; name: string }[] }[];
};

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the released database (and its attachments) to upgrade; the committed file is never opened for writing. */
function releasedCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'deskwright-upgrade-'));
  dirs.push(dir);
  const file = join(dir, 'desk.sqlite');
  copyFileSync(join(fixtures, 'v0.1.0.sqlite'), file);
  cpSync(join(fixtures, 'v0.1.0.sqlite.attachments'), `${file}.attachments`, { recursive: true });
  return file;
}

type Checksums = Record<string, Record<string, string>>;

/**
 * Every row of every ordinary table, keyed by its primary key, as a SHA-256 of its
 * values in the columns `columns` names (by default: all it has). Full-text
 * indexes (virtual tables and their shadow tables) are derived data and left out.
 */
function rowChecksums(sqlite: BetterSqlite3.Database, columns?: Record<string, string[]>): Checksums {
  const virtual = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'").all() as { name: string }[]).map((r) => r.name);
  const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[])
    .map((r) => r.name)
    .filter((name) => !virtual.some((v) => name === v || name.startsWith(`${v}_`)));
  const result: Checksums = {};
  for (const table of columns ? Object.keys(columns) : tables) {
    const info = sqlite.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; pk: number }[];
    const cols = columns?.[table] ?? info.map((c) => c.name);
    const pk = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => `"${c.name}"`);
    const key = pk.length ? `json_array(${pk.join(', ')})` : 'rowid';
    const rows = sqlite.prepare(`SELECT ${key} AS _key_, ${cols.map((c) => `"${c}"`).join(', ')} FROM "${table}" ORDER BY 1`).raw().all() as unknown[][];
    result[table] = Object.fromEntries(rows.map(([id, ...values]) => [String(id), createHash('sha256').update(JSON.stringify(values)).digest('hex')]));
  }
  return result;
}

const columnsOf = (sqlite: BetterSqlite3.Database, checksums: Checksums) =>
  Object.fromEntries(Object.keys(checksums).map((t) => [t, (sqlite.prepare(`PRAGMA table_info("${t}")`).all() as { name: string }[]).map((c) => c.name)]));

/** The schema and every row, kysely_migration included: what "untouched" means. */
const everything = (file: string) => {
  const sqlite = new BetterSqlite3(file, { readonly: true });
  try {
    const applied = (sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]).map((r) => r.name);
    return { schema: sqlite.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all(), rows: rowChecksums(sqlite), applied };
  } finally {
    sqlite.close();
  }
};

describe('upgrading a database made by v0.1.0', () => {
  it('keeps every ticket, event, version and setting, row for row', async () => {
    const file = releasedCopy();
    const database = openDatabase(file);
    const before = rowChecksums(database.sqlite);
    const columns = columnsOf(database.sqlite, before);
    for (const table of ['tickets', 'ticket_events', 'workflow_versions', 'workflows', 'templates', 'queues', 'groups', 'sla_policies', 'counters', 'attachments', 'users']) {
      expect(Object.keys(before[table] ?? {}).length, `${table} in the fixture`).toBeGreaterThan(0);
    }
    await migrateToLatest(database.db);
    expect((await migrationState(database.db)).pending).toEqual([]);
    const after = rowChecksums(database.sqlite, columns);
    for (const table of Object.keys(before)) {
      // The history of migrations grows by the ones this version adds; every earlier entry stays as it was.
      if (table === 'kysely_migration') expect(after[table], table).toMatchObject(before[table]!);
      else expect(after[table], table).toEqual(before[table]);
    }
    await database.close();
  });

  it('answers the API about each ticket as v0.1.0 did, and serves its attachment', async () => {
    const file = releasedCopy();
    // The clock of the day the fixture was made: no SLA comes due while the test reads it.
    const at = new Date(Math.max(...expected.tickets.map((t) => Date.parse(t.ticket.updatedAt))) + 60_000);
    const desk = await startDesk({ config: loadConfig({ PORT: '0', HOST: '127.0.0.1', DESK_DB: file, LOG_LEVEL: 'error' }), mode: 'demo', now: () => at });
    try {
      const login = await fetch(`${desk.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@example.com', password: 'deskwright-demo' }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      for (const { ticket, events, attachments } of expected.tickets) {
        const res = await fetch(`${desk.url}/api/tickets/${ticket.id}`, { headers: { cookie } });
        expect(res.status).toBe(200);
        const now = (await res.json()) as { ticket: unknown; events: unknown[]; attachments: unknown[] };
        expect(now.ticket, String(ticket.number)).toMatchObject(ticket);
        expect(now.events, `${String(ticket.number)} history`).toMatchObject(events);
        expect(now.attachments).toMatchObject(attachments);
      }
      const withFile = expected.tickets.flatMap((t) => t.attachments);
      expect(withFile).toHaveLength(1);
      const download = await fetch(`${desk.url}/api/attachments/${withFile[0]!.id}`, { headers: { cookie } });
      expect(download.status).toBe(200);
      expect(Buffer.from(await download.arrayBuffer())).toEqual(readFileSync(new URL('../fixtures/attachments/notes.txt', import.meta.url)));
    } finally {
      await desk.close();
    }
  });
});

describe('a migration that fails', () => {
  it('rolls back every migration of the upgrade: the old database is exactly as it was', async () => {
    const file = releasedCopy();
    const before = everything(file);
    const reopened = openDatabase(file);
    // This code's own migrations, then one that changes things and one that fails.
    const withFailure: Record<string, Migration> = {
      ...deskMigrations,
      '2999_01_01_0001_adds_a_column': {
        up: async (db) => {
          await db.schema.alterTable('tickets').addColumn('colour', 'text').execute();
          await sql`UPDATE tickets SET colour = 'red', title = 'overwritten'`.execute(db);
          await db.schema.createTable('widgets').addColumn('id', 'integer', (c) => c.primaryKey()).execute();
        },
      },
      '2999_01_01_0002_fails': {
        up: async (db) => {
          await sql`DELETE FROM ticket_events`.execute(db);
          await sql`SELECT * FROM no_such_table`.execute(db);
        },
      },
    };
    await expect(migrateToLatest(reopened.db, { migrations: withFailure })).rejects.toThrow(/2999_01_01_0002_fails failed, so the database was left as it was: .*no such table/);
    expect((await migrationState(reopened.db, { migrations: withFailure })).pending).toEqual(expect.arrayContaining(['2999_01_01_0001_adds_a_column', '2999_01_01_0002_fails']));
    await reopened.close();
    expect(everything(file)).toEqual(before);
  });
});

describe('a database newer than the desk', () => {
  const newer = async () => {
    const file = releasedCopy();
    const database = openDatabase(file);
    await migrateToLatest(database.db);
    await database.db.insertInto('kysely_migration' as never).values({ name: '2999_12_31_0001_from_the_future', timestamp: new Date().toISOString() } as never).execute();
    await database.close();
    return file;
  };

  it('is refused by name, and left unchanged', async () => {
    const file = await newer();
    const before = everything(file);
    const database = openDatabase(file);
    const refused = migrateToLatest(database.db);
    await expect(refused).rejects.toBeInstanceOf(DatabaseNewerThanDeskError);
    await expect(refused).rejects.toThrow(`has migration 2999_12_31_0001_from_the_future that this version (schema ${schemaVersion}) does not know`);
    await database.close();
    expect(everything(file)).toEqual(before);
  });

  it('stops `deskwright serve` with a message saying so', async () => {
    const file = await newer();
    const failed = await startCli('serve', { DESK_DB: file, DESK_ADMIN_EMAIL: 'it@acme.example' }, /running at/).then(
      () => null,
      (error: Error & { child?: { exitCode: number | null } }) => error,
    );
    expect(failed?.message).toMatch(/exited \(1\)/);
    expect(failed?.message).toContain('This database was upgraded by a newer version of Deskwright');
    expect(failed?.message).toContain('2999_12_31_0001_from_the_future');
  }, 60_000);
});
