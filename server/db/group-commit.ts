/**
 * Group commit: units of work that arrive while the desk is busy writing run
 * together in one SQLite transaction, each inside its own savepoint.
 *
 * Why: a submission writes ~20 pages to the write-ahead log on its own (the
 * ticket, its index entries, history, outbox rows, a full-text segment),
 * mostly the same right-most pages as the submission before it. Fifty
 * submissions in one transaction write those hot pages once and commit once.
 * Nothing about a unit changes: it sees what the units before it in the batch
 * wrote, its own failure rolls back only its savepoint, and its promise
 * settles after the batch is committed — so a caller never acknowledges
 * work that is not on disk. With nobody waiting, a unit runs alone, in the
 * same turn of the event loop.
 */
import { sql } from 'kysely';
import type { DeskDb } from './database.ts';
import { isPostgres } from './dialect.ts';
import { inTransaction, isBusy } from './transaction.ts';

interface Unit {
  work: (trx: DeskDb) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

/** SQLite may end the whole transaction on these; only a statement's own failure is safe to roll back to a savepoint. */
const isStatementError = (error: unknown): boolean => {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  return !code.startsWith('SQLITE_') || code.startsWith('SQLITE_CONSTRAINT');
};

class BatchAborted extends Error {
  constructor(override readonly cause: unknown) {
    super('batch aborted');
  }
}

const maxUnitsPerBatch = 64;

class GroupCommitter {
  private waiting: Unit[] = [];
  private draining = false;

  constructor(private readonly db: DeskDb) {}

  run<T>(work: (trx: DeskDb) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (this.draining) return;
      this.draining = true;
      // Start after this turn's I/O callbacks: better-sqlite3 answers synchronously, so a batch
      // started at once would run to its end before the next request is even read, and every
      // batch would hold one unit. Waiting for the check phase lets the requests that arrived
      // together join.
      setImmediate(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.length) await this.commit(this.waiting.splice(0, maxUnitsPerBatch));
    } finally {
      this.draining = false;
    }
  }

  /** One batch: all units in one transaction, retried whole when another process held the file. */
  private async commit(batch: Unit[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const settled = await this.db.transaction().execute((trx) => runUnits(trx, batch));
        settled.forEach((s, i) => (s.ok ? batch[i]!.resolve(s.value) : batch[i]!.reject(s.error)));
        return;
      } catch (error) {
        const cause = error instanceof BatchAborted ? error.cause : error;
        if (isBusy(cause) && attempt < 5) {
          await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
          continue;
        }
        if (batch.length === 1) return batch[0]!.reject(cause);
        // Something failed that a savepoint cannot contain: give each unit a transaction of its own.
        for (const unit of batch) await this.commit([unit]);
        return;
      }
    }
  }
}

async function runUnits(trx: DeskDb, batch: Unit[]): Promise<Settled[]> {
  const settled: Settled[] = [];
  for (const unit of batch) {
    await sql`SAVEPOINT unit`.execute(trx);
    try {
      const value = await unit.work(trx);
      await sql`RELEASE unit`.execute(trx);
      settled.push({ ok: true, value });
    } catch (error) {
      if (!isStatementError(error)) throw new BatchAborted(error);
      await sql`ROLLBACK TO unit`.execute(trx);
      await sql`RELEASE unit`.execute(trx);
      settled.push({ ok: false, error });
    }
  }
  return settled;
}

const committers = new WeakMap<DeskDb, GroupCommitter>();

/**
 * Runs `work` in a transaction shared with whatever else is waiting to be
 * written through this function, or inside the caller's transaction when one
 * is open. For work that does not change desk settings (see deskSnapshot).
 */
export function inGroupedTransaction<T>(db: DeskDb, work: (trx: DeskDb) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  // PostgreSQL: each unit is its own transaction; the pool runs them side by side.
  if (isPostgres(db)) return inTransaction(db, work);
  let committer = committers.get(db);
  if (!committer) committers.set(db, (committer = new GroupCommitter(db)));
  return committer.run(work);
}
