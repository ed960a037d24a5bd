/**
 * Every migration, listed by import rather than read from a folder, so the
 * desk can ship as one executable. Add new ones at the end; never edit old ones.
 */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
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
import * as reports from './2026_12_03_0014_reports.ts';

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
  '2026_12_03_0014_reports': reports,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the database up to the latest schema; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${(error as Error).message ?? String(error)}`);
  }
}

export function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider });
}
