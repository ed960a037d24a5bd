/** Runs `work` in a transaction, or inside the caller's when one is already open, so services compose. */
import type { DeskDb } from './database.ts';

export function inTransaction<T>(db: DeskDb, work: (trx: DeskDb) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
