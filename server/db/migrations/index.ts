/**
 * Every migration, listed by import rather than read from a folder, so the
 * desk can ship as one executable. Add new ones at the end; never edit old ones.
 *
 * `migrateToLatest` runs every pending migration in ONE transaction, so an
 * upgrade that fails part-way leaves the database exactly as the older
 * version left it, and refuses a database that a newer desk has migrated.
 * It keeps Kysely's bookkeeping tables (`kysely_migration`), so Kysely's own
 * `Migrator` (`migrator()`, used to roll back) reads the same history.
 */
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { isPostgres } from '../dialect.ts';
import * as createDesk from './2026_11_22_0001_create_desk.ts';
import * as settingsRevision from './2026_11_22_0002_settings_revision.ts';
import * as ticketSearch from './2026_11_22_0003_ticket_search.ts';
import * as slaDueIndexes from './2026_11_22_0004_sla_due_indexes.ts';
import * as calendars from './2026_11_22_0005_calendars.ts';
import * as ticketWork from './2026_11_22_0006_ticket_work.ts';
import * as slaPauses from './2026_11_22_0007_sla_pauses.ts';
import * as escalations from './2026_11_23_0008_escalations.ts';
import * as chosenPreferences from './2026_11_24_0009_chosen_preferences.ts';
import * as deactivatedAccounts from './2026_11_25_0010_deactivated_accounts.ts';
import * as alerts from './2026_12_03_0012_alerts.ts';
import * as knowledge from './2026_12_03_0013_knowledge.ts';
import * as reports from './2026_12_03_0014_reports.ts';
import * as tokenExpiry from './2026_12_03_0015_token_expiry.ts';
import * as settingsRevisions from './2026_12_03_0016_settings_revisions.ts';
import * as articleUse from './2026_12_04_0017_article_use.ts';
import * as problems from './2026_12_04_0018_problems.ts';
import * as announcements from './2026_12_04_0019_announcements.ts';
import * as reportComplaints from './2026_12_04_0020_report_complaints.ts';
import * as mailChannels from './2026_12_04_0021_mail_channels.ts';
import * as approvals from './2026_12_04_0022_approvals.ts';
import * as identityLinks from './2026_12_04_0023_identity_links.ts';

const migrations: Record<string, Migration> = {
  '2026_11_22_0001_create_desk': createDesk,
  '2026_11_22_0002_settings_revision': settingsRevision,
  '2026_11_22_0003_ticket_search': ticketSearch,
  '2026_11_22_0004_sla_due_indexes': slaDueIndexes,
  '2026_11_22_0005_calendars': calendars,
  '2026_11_22_0006_ticket_work': ticketWork,
  '2026_11_22_0007_sla_pauses': slaPauses,
  '2026_11_23_0008_escalations': escalations,
  '2026_11_24_0009_chosen_preferences': chosenPreferences,
  '2026_11_25_0010_deactivated_accounts': deactivatedAccounts,
  '2026_12_03_0012_alerts': alerts,
  '2026_12_03_0013_knowledge': knowledge,
  '2026_12_03_0014_reports': reports,
  '2026_12_03_0015_token_expiry': tokenExpiry,
  '2026_12_03_0016_settings_revisions': settingsRevisions,
  '2026_12_04_0017_article_use': articleUse,
  '2026_12_04_0018_problems': problems,
  '2026_12_04_0019_announcements': announcements,
  '2026_12_04_0020_report_complaints': reportComplaints,
  '2026_12_04_0021_mail_channels': mailChannels,
  '2026_12_04_0022_approvals': approvals,
  '2026_12_04_0023_identity_links': identityLinks,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** The desk's migrations by name (read-only; tests build lists from it). */
export const deskMigrations: Readonly<Record<string, Migration>> = migrations;

/** The name of the newest migration this code knows: the schema version it writes. */
export const schemaVersion = Object.keys(migrations).sort().at(-1)!;

/** The database was migrated by a newer desk; running older code on it could corrupt it. */
export class DatabaseNewerThanDeskError extends Error {
  constructor(readonly unknownMigrations: string[]) {
    super(
      `This database was upgraded by a newer version of Deskwright: it has ${unknownMigrations.length === 1 ? 'migration' : 'migrations'} ` +
        `${unknownMigrations.join(', ')} that this version (schema ${schemaVersion}) does not know. ` +
        'Run the newer version, or restore a backup taken before the upgrade. The database was not changed.',
    );
    this.name = 'DatabaseNewerThanDeskError';
  }
}

export interface MigrationState {
  /** Migrations recorded in the database, in the order they ran. */
  applied: string[];
  /** Known migrations the database has not had yet. */
  pending: string[];
  /** Migrations the database has that this code does not know (a newer desk ran them). */
  unknown: string[];
}

export interface MigrateOptions {
  /** Only for tests: the list to run instead of the desk's own (e.g. one with a failing migration). */
  migrations?: Record<string, Migration>;
}

const migrationTable = 'kysely_migration';
const lockTable = 'kysely_migration_lock';
const lockId = 'migration_lock';
/** PostgreSQL advisory lock key of a migration run (any fixed number; "desk" in ASCII). */
const migrationLockKey = 0x6465736b;

async function ensureBookkeeping(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable(migrationTable)
    .ifNotExists()
    .addColumn('name', 'varchar(255)', (c) => c.notNull().primaryKey())
    .addColumn('timestamp', 'varchar(255)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable(lockTable)
    .ifNotExists()
    .addColumn('id', 'varchar(255)', (c) => c.notNull().primaryKey())
    .addColumn('is_locked', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  const lock = await db.selectFrom(lockTable).select('id').where('id', '=', lockId).executeTakeFirst();
  if (!lock) await db.insertInto(lockTable).values({ id: lockId, is_locked: 0 }).execute();
}

async function readState(db: Kysely<any>, known: Record<string, Migration>): Promise<MigrationState> {
  const rows = (await db.selectFrom(migrationTable).select(['name', 'timestamp']).execute()) as { name: string; timestamp: string }[];
  rows.sort((a, b) => (a.timestamp === b.timestamp ? a.name.localeCompare(b.name) : Date.parse(a.timestamp) - Date.parse(b.timestamp)));
  const applied = rows.map((r) => r.name);
  const done = new Set(applied);
  return {
    applied,
    pending: Object.keys(known).sort().filter((name) => !done.has(name)),
    unknown: applied.filter((name) => !(name in known)),
  };
}

async function bookkeepingExists(db: Kysely<any>): Promise<boolean> {
  return (await db.introspection.getTables({ withInternalKyselyTables: true })).some((t) => t.name === migrationTable);
}

/** What has run and what is pending, without changing anything (for /readyz and `doctor`). */
export async function migrationState(db: Kysely<any>, options: MigrateOptions = {}): Promise<MigrationState> {
  const known = options.migrations ?? migrations;
  if (!(await bookkeepingExists(db))) return { applied: [], pending: Object.keys(known).sort(), unknown: [] };
  return readState(db, known);
}

/**
 * Brings the database up to the latest schema, all pending migrations in one
 * transaction; throws with the failing migration's name, leaving the
 * database as it was. Throws `DatabaseNewerThanDeskError`, changing nothing,
 * when a newer desk has migrated the database.
 */
export async function migrateToLatest(db: Kysely<any>, options: MigrateOptions = {}): Promise<void> {
  const known = options.migrations ?? migrations;
  if (await bookkeepingExists(db)) {
    const { unknown } = await readState(db, known);
    if (unknown.length) throw new DatabaseNewerThanDeskError(unknown);
  }
  let running = 'bookkeeping';
  try {
    await db.transaction().execute(async (trx) => {
      // PostgreSQL: two desks starting on one database take turns (the lock ends with the transaction).
      if (isPostgres(trx)) await sql`SELECT pg_advisory_xact_lock(${migrationLockKey})`.execute(trx);
      await ensureBookkeeping(trx);
      // A write first takes SQLite's write lock, so a second desk starting on the same file waits instead of racing.
      await trx.updateTable(lockTable).set({ is_locked: 0 }).where('id', '=', lockId).execute();
      const state = await readState(trx, known);
      if (state.unknown.length) throw new DatabaseNewerThanDeskError(state.unknown);
      for (const name of state.pending) {
        running = name;
        await known[name]!.up(trx);
        await trx.insertInto(migrationTable).values({ name, timestamp: new Date().toISOString() }).execute();
      }
    });
  } catch (error) {
    if (error instanceof DatabaseNewerThanDeskError) throw error;
    throw new Error(`database migration ${running} failed, so the database was left as it was: ${(error as Error).message ?? String(error)}`, { cause: error });
  }
}

/** Kysely's migrator over the same list: for rolling back (`migrateTo(NO_MIGRATIONS)`) and listing. */
export function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider });
}
