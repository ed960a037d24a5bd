/**
 * Group commit: work that arrives together is written in one transaction,
 * yet each caller sees exactly what it would with a transaction of its own —
 * its own failure undoes only its own writes, and its answer comes after the
 * data is on disk.
 */
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DeskDb } from '../../server/db/database.ts';
import { inGroupedTransaction } from '../../server/db/group-commit.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function fresh() {
  const dir = mkdtempSync(join(tmpdir(), 'deskwright-group-'));
  const file = join(dir, 'desk.sqlite');
  const opened = openDatabase(file);
  opened.sqlite.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL UNIQUE)');
  // A second connection, as another process would read the file.
  const other = new BetterSqlite3(file, { readonly: true });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }), () => opened.close(), () => void other.close());
  const onDisk = () => (other.prepare('SELECT body FROM notes ORDER BY id').all() as { body: string }[]).map((r) => r.body);
  return { db: opened.db, sqlite: opened.sqlite, onDisk };
}

const add = (db: DeskDb, body: string) => sql`INSERT INTO notes (body) VALUES (${body})`.execute(db);

describe('group commit', () => {
  it('writes work that arrives together in one transaction, committed before anyone is answered', async () => {
    const { db, sqlite, onDisk } = await fresh();
    const walFrames = () => sqlite.pragma('wal_checkpoint(PASSIVE)', { simple: false }) as { log: number }[];
    sqlite.pragma('wal_autocheckpoint = 0');
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const seenByOthers: string[][] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        inGroupedTransaction(db, async (trx) => {
          await add(trx, `note ${i}`);
        }).then(() => seenByOthers.push(onDisk())),
      ),
    );
    // The first arrives alone (nobody is waiting yet); the other 19 share one commit.
    expect(walFrames()[0]!.log).toBeLessThanOrEqual(4);
    expect(seenByOthers.at(-1)).toHaveLength(20);
    for (const [i, seen] of seenByOthers.entries()) expect(seen.length, `answer ${i}`).toBeGreaterThanOrEqual(i === 0 ? 1 : 20);
  });

  it("rolls back a failing unit's writes alone; the others are kept and each sees the ones before it", async () => {
    const { db, onDisk } = await fresh();
    const results = await Promise.allSettled([
      inGroupedTransaction(db, (trx) => add(trx, 'first')),
      inGroupedTransaction(db, (trx) => add(trx, 'second')),
      inGroupedTransaction(db, async (trx) => {
        await add(trx, 'half written');
        throw new Error('the form was refused');
      }),
      inGroupedTransaction(db, async (trx) => {
        await add(trx, 'first'); // a unique violation: this unit fails, the batch goes on
      }),
      inGroupedTransaction(db, async (trx) => (await sql<{ n: number }>`SELECT count(*) AS n FROM notes`.execute(trx)).rows[0]!.n),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/the form was refused/);
    expect(String((results[3] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect((results[4] as PromiseFulfilledResult<number>).value).toBe(2);
    expect(onDisk()).toEqual(['first', 'second']);
  });

  it('gives each unit a transaction of its own when a failure is more than one statement deep', async () => {
    const { db, onDisk } = await fresh();
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    let runs = 0;
    const results = await Promise.allSettled([
      inGroupedTransaction(db, (trx) => add(trx, 'a')),
      inGroupedTransaction(db, (trx) => add(trx, 'b')),
      inGroupedTransaction(db, async (trx) => {
        runs++;
        await add(trx, 'c');
        throw full;
      }),
      inGroupedTransaction(db, (trx) => add(trx, 'd')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason).toBe(full);
    // Once in the aborted batch, once in a transaction of its own.
    expect(runs).toBe(2);
    // Each note once: the aborted batch wrote nothing, the retries wrote each unit once.
    expect(onDisk().sort()).toEqual(['a', 'b', 'd']);
  });

  it('runs inside the caller’s transaction when there is one', async () => {
    const { db, onDisk } = await fresh();
    await db
      .transaction()
      .execute(async (trx) => {
        await inGroupedTransaction(trx, (inner) => add(inner, 'inside'));
        throw new Error('the outer change failed');
      })
      .catch(() => undefined);
    expect(onDisk()).toEqual([]);
  });
});
