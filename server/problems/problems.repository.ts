/**
 * Known errors in the store: free functions, `db` first, so they run inside
 * the caller's transaction. The FTS5 bits (`known_error_search`, a
 * contentless index whose rowid is the translation row's id) stay here.
 */
import { sql } from 'kysely';
import { insertSearchRow, isPostgres, searchMatches, searchRank } from '../db/dialect.ts';
import type { DeskDb } from '../db/database.ts';
import type { KnownErrorStatus, KnownErrorText } from './problems.schema.ts';

export interface KnownErrorRecord {
  id: number;
  problemId: number;
  service: string | null;
  status: KnownErrorStatus;
  rowVersion: number;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
  updatedAt: string;
  updatedBy: { id: string; name: string } | null;
  translations: Record<string, KnownErrorText>;
}

const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? id } : null);

async function load(db: DeskDb, where: { id?: number; problemId?: number }): Promise<KnownErrorRecord | undefined> {
  let query = db
    .selectFrom('known_errors as k')
    .leftJoin('users as c', 'c.id', 'k.created_by')
    .leftJoin('users as u', 'u.id', 'k.updated_by')
    .selectAll('k')
    .select(['c.name as created_by_name', 'u.name as updated_by_name']);
  if (where.id !== undefined) query = query.where('k.id', '=', where.id);
  if (where.problemId !== undefined) query = query.where('k.problem_id', '=', where.problemId);
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  const rows = await db.selectFrom('known_error_translations').selectAll().where('known_error_id', '=', row.id).orderBy('locale').execute();
  return {
    id: row.id,
    problemId: row.problem_id,
    service: row.service,
    status: row.status as KnownErrorStatus,
    rowVersion: row.row_version,
    createdAt: row.created_at,
    createdBy: person(row.created_by, row.created_by_name),
    updatedAt: row.updated_at,
    updatedBy: person(row.updated_by, row.updated_by_name),
    translations: Object.fromEntries(rows.map((t) => [t.locale, { symptom: t.symptom, workaround: t.workaround, rootCause: t.root_cause }])),
  };
}

export const findKnownError = (db: DeskDb, id: number) => load(db, { id });
export const findKnownErrorOfProblem = (db: DeskDb, problemId: number) => load(db, { problemId });

export async function insertKnownError(db: DeskDb, k: { problemId: number; service: string | null; status: string; by: string; at: string }): Promise<number> {
  const row = await db
    .insertInto('known_errors')
    .values({ problem_id: k.problemId, service: k.service, status: k.status, created_by: k.by, created_at: k.at, updated_by: k.by, updated_at: k.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Bumps the row version if it still is `expected`; false when someone else saved first. */
export async function updateKnownError(db: DeskDb, id: number, expected: number, patch: { service: string | null; status: string; by: string; at: string }): Promise<boolean> {
  const result = await db
    .updateTable('known_errors')
    .set({ service: patch.service, status: patch.status, updated_by: patch.by, updated_at: patch.at, row_version: sql<number>`row_version + 1` })
    .where('id', '=', id)
    .where('row_version', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Replaces a known error's languages and their rows in the symptom index. */
export async function replaceKnownErrorTexts(db: DeskDb, knownErrorId: number, translations: Record<string, KnownErrorText>): Promise<void> {
  const old = await db.selectFrom('known_error_translations').select('id').where('known_error_id', '=', knownErrorId).execute();
  for (const { id } of old) await sql`DELETE FROM known_error_search WHERE rowid = ${id}`.execute(db);
  await db.deleteFrom('known_error_translations').where('known_error_id', '=', knownErrorId).execute();
  for (const [locale, t] of Object.entries(translations)) {
    const row = await db
      .insertInto('known_error_translations')
      .values({ known_error_id: knownErrorId, locale, symptom: t.symptom, workaround: t.workaround, root_cause: t.rootCause })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (isPostgres(db)) await insertSearchRow(db, 'known_error_search', row.id, { body: t.symptom });
    else await sql`INSERT INTO known_error_search (rowid, symptom) VALUES (${row.id}, ${t.symptom})`.execute(db);
  }
}

/** Published known errors whose symptom (any language) shares words with `match`, best first (bm25); with the symptoms that matched. */
export async function searchKnownErrors(db: DeskDb, match: string, limit: number): Promise<{ id: number; symptom: string }[]> {
  const { rows } = await sql<{ id: number; symptom: string }>`
    SELECT k.id AS id, t.symptom AS symptom
    FROM known_error_search s
    JOIN known_error_translations t ON t.id = s.rowid
    JOIN known_errors k ON k.id = t.known_error_id
    WHERE ${searchMatches(db, 'known_error_search', 's', match)} AND k.status = 'published'
    ORDER BY ${isPostgres(db) ? searchRank(db, 'known_error_search', 's', match, 1) : sql`bm25(known_error_search)`}
    LIMIT ${limit}`.execute(db);
  return rows;
}

/** Published known errors about a service. */
export async function knownErrorsForService(db: DeskDb, service: string): Promise<number[]> {
  const rows = await db.selectFrom('known_errors').select('id').where('status', '=', 'published').where('service', '=', service).orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Published known errors of these problems. */
export async function knownErrorsOfProblems(db: DeskDb, problemIds: readonly number[]): Promise<number[]> {
  if (!problemIds.length) return [];
  const rows = await db.selectFrom('known_errors').select('id').where('status', '=', 'published').where('problem_id', 'in', problemIds).orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** The known errors whose workaround was applied on a ticket. */
export async function appliedKnownErrors(db: DeskDb, ticketId: number): Promise<Set<number>> {
  const rows = await db.selectFrom('ticket_events').select('data').where('ticket_id', '=', ticketId).where('type', '=', 'known-error.applied').execute();
  return new Set(rows.map((r) => Number((JSON.parse(r.data) as { knownErrorId?: unknown }).knownErrorId)));
}
