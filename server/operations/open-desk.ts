/** The database of the desk a command works on, brought up to date, as the services expect it. */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrations/index.ts';
import type { DeskContext } from '../services/desk-context.ts';
import { OperationError } from './args.ts';

export interface OpenedDesk {
  context: DeskContext;
  close(): Promise<void>;
}

export async function openDeskDatabase(env: NodeJS.ProcessEnv, options: { mustExist?: boolean } = {}): Promise<OpenedDesk> {
  const config = loadConfig(env);
  if (options.mustExist && !existsSync(config.dbFile)) throw new OperationError(`There is no database at ${config.dbFile} (set DESK_DB)`);
  mkdirSync(dirname(config.dbFile), { recursive: true });
  const database = openDatabase(config.dbFile, { cacheStatements: config.cacheStatements });
  try {
    await migrateToLatest(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  return { context: { db: database.db, config, now: () => new Date() }, close: () => database.close() };
}
