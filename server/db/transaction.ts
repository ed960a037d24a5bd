/** Runs `work` in a transaction, or inside the caller's when one is already open, so services compose. */
import type { DeskDb } from './database.ts';

/**
 * Another process wrote the file between this transaction's read and its
 * write (SQLite's deferred transactions), or PostgreSQL found a deadlock or
 * a serialization failure: the work rolled back whole, so it is safe to run
 * again on the fresh data.
 */
export const isBusy = (error: unknown) => /^(SQLITE_BUSY|40001$|40P01$)/.test(String((error as { code?: unknown } | null)?.code ?? ''));

export async function inTransaction<T>(db: DeskDb, work: (trx: DeskDb) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (!isBusy(error) || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
    }
  }
}
