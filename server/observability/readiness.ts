/**
 * `/readyz`: whether this desk should be sent traffic. Ready means the
 * migrations are all done and the database takes a write (probed by a write
 * in a transaction that is then rolled back, so nothing changes), and the
 * desk is not shutting down.
 */
import { sql } from 'kysely';
import type { DeskDb } from '../db/database.ts';
import { migrationState } from '../db/migrations/index.ts';

export interface Readiness {
  ready: boolean;
  checks: { migrations: string; database: string; shutdown: string };
}

class ProbeRolledBack extends Error {}

/** Takes the database's write lock and writes, then rolls back; throws what the database said when it cannot. */
async function probeWrite(db: DeskDb): Promise<void> {
  try {
    await db.transaction().execute(async (trx) => {
      await sql`UPDATE counters SET value = value WHERE name = 'settings'`.execute(trx);
      throw new ProbeRolledBack();
    });
  } catch (error) {
    if (!(error instanceof ProbeRolledBack)) throw error;
  }
}

export async function readiness(db: DeskDb, shuttingDown: boolean): Promise<Readiness> {
  const checks: Readiness['checks'] = { migrations: 'ok', database: 'ok', shutdown: shuttingDown ? 'shutting down' : 'ok' };
  try {
    const state = await migrationState(db);
    if (state.unknown.length) checks.migrations = `the database is newer than this desk: ${state.unknown.join(', ')}`;
    else if (state.pending.length) checks.migrations = `pending: ${state.pending.join(', ')}`;
  } catch (error) {
    checks.migrations = `cannot be read: ${(error as Error).message}`;
  }
  try {
    await probeWrite(db);
  } catch (error) {
    checks.database = `not writable: ${(error as Error).message}`;
  }
  return { ready: Object.values(checks).every((v) => v === 'ok'), checks };
}
