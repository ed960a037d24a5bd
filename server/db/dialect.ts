/**
 * What differs between SQLite and PostgreSQL, kept in one small module so
 * the rest of the store stays dialect-neutral.
 */

import { PostgresAdapter, sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DeskDb } from './database.ts';

/** Whether `db` (or a transaction of it) talks to PostgreSQL. */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** SQLite's ` WITHOUT ROWID` table option (a clustered primary key); PostgreSQL has no such option. */
export function withoutRowid(db: Kysely<any>): RawBuilder<unknown> {
  return sql.raw(isPostgres(db) ? '' : ' WITHOUT ROWID');
}

/**
 * The full-text indexes. SQLite: contentless FTS5 tables. PostgreSQL: a
 * table of the same name keyed by `rowid` holding a `tsvector` (the title
 * weighted A, the rest D) under a GIN index, so `DELETE … WHERE rowid = ?`
 * reads the same on both.
 */
export type SearchTable = 'ticket_search' | 'comment_search' | 'kb_search' | 'known_error_search';

/** The text search configuration of each index on PostgreSQL (knowledge articles are stemmed, as FTS5's porter does). */
const pgConfig: Record<SearchTable, string> = { ticket_search: 'simple', comment_search: 'simple', kb_search: 'english', known_error_search: 'english' };

/** Creates a full-text index in a migration (byte-identical FTS5 on SQLite). */
export async function createSearchTable(db: Kysely<any>, table: SearchTable, fts5: RawBuilder<unknown>): Promise<void> {
  if (!isPostgres(db)) {
    await fts5.execute(db);
    return;
  }
  await db.schema.createTable(table).addColumn('rowid', 'integer', (c) => c.primaryKey()).addColumn('doc', sql`tsvector`, (c) => c.notNull()).execute();
  await sql`CREATE INDEX ${sql.ref(`${table}_doc`)} ON ${sql.table(table)} USING gin (doc)`.execute(db);
}

/** The `tsvector` PostgreSQL stores for a row: the title (if any) weighted A, the body D. */
function pgDocument(table: SearchTable, title: unknown, body: unknown): RawBuilder<unknown> {
  const config = sql.lit(pgConfig[table]);
  const rest = sql`setweight(to_tsvector(${config}::regconfig, coalesce(${body}, '')), 'D')`;
  return title === undefined ? rest : sql`setweight(to_tsvector(${config}::regconfig, coalesce(${title}, '')), 'A') || ${rest}`;
}

/** Épson → Epson, as FTS5's `remove_diacritics 2` reads words (PostgreSQL's own needs the unaccent extension). */
const foldDiacritics = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '');

/** Adds one row to a full-text index. */
export async function insertSearchRow(db: Kysely<any>, table: SearchTable, rowid: number, text: { title?: string; body: string }): Promise<void> {
  if (isPostgres(db)) {
    const title = text.title === undefined ? undefined : foldDiacritics(text.title);
    await sql`INSERT INTO ${sql.table(table)} (rowid, doc) VALUES (${rowid}, ${pgDocument(table, title, foldDiacritics(text.body))})`.execute(db);
  } else if (text.title === undefined) {
    await sql`INSERT INTO ${sql.table(table)} (rowid, body) VALUES (${rowid}, ${text.body})`.execute(db);
  } else {
    await sql`INSERT INTO ${sql.table(table)} (rowid, title, body) VALUES (${rowid}, ${text.title}, ${text.body})`.execute(db);
  }
}

/**
 * An FTS5 expression as ftsQuery and the knowledge search write it (quoted
 * words, a trailing `*` for a prefix, `OR` between alternatives, otherwise
 * all required) as a PostgreSQL tsquery.
 */
export function tsQuery(match: string): string {
  const parts: string[] = [];
  let joiner = ' & ';
  for (const token of match.matchAll(/"([^"]*)"(\*?)|\bOR\b/g)) {
    if (token[0] === 'OR') {
      joiner = ' | ';
      continue;
    }
    if (parts.length) parts.push(joiner);
    joiner = ' & ';
    parts.push(`'${foldDiacritics(token[1]!).replace(/'/g, "''")}'${token[2] ? ':*' : ''}`);
  }
  return parts.join('');
}

/** `alias` (a row of `table`, or the table itself) matches the FTS5 expression `match`. */
export function searchMatches(db: Kysely<any>, table: SearchTable, alias: string, match: string): RawBuilder<SqlBool> {
  if (isPostgres(db)) return sql<SqlBool>`${sql.ref(`${alias}.doc`)} @@ to_tsquery(${sql.lit(pgConfig[table])}::regconfig, ${tsQuery(match)})`;
  return alias === table ? sql<SqlBool>`${sql.raw(table)} MATCH ${match}` : sql<SqlBool>`${sql.raw(alias)}.${sql.raw(table)} MATCH ${match}`;
}

/**
 * Best first, for ORDER BY: FTS5's bm25 with the title `titleWeight` times
 * the body; on PostgreSQL ts_rank with the same weights (descending, so the
 * expression is negated to sort ascending like bm25).
 */
export function searchRank(db: Kysely<any>, table: SearchTable, alias: string, match: string, titleWeight: number): RawBuilder<number> {
  if (isPostgres(db)) {
    // ts_rank's weights lie in [0, 1] (order D, C, B, A): the body at 1/titleWeight of the title.
    const weights = sql.raw(`'{${(1 / titleWeight).toFixed(4)}, 0, 0, 1.0}'::float4[]`);
    return sql<number>`-ts_rank(${weights}, ${sql.ref(`${alias}.doc`)}, to_tsquery(${sql.lit(pgConfig[table])}::regconfig, ${tsQuery(match)}))`;
  }
  return sql<number>`bm25(${sql.raw(table)}, ${sql.raw(titleWeight.toFixed(1))}, 1.0)`;
}

/** The words of a ticket that text search finds it by: its title and its field values. */
export function searchableText(fields: Record<string, unknown>): string {
  return Object.values(fields)
    .flatMap((v) => (Array.isArray(v) ? v : [v]))
    .filter((v) => typeof v === 'string' || typeof v === 'number')
    .join(' ');
}

/** Adds a new ticket to the full-text index. */
export async function indexTicketText(db: DeskDb, ticket: { id: number; title: string; fields: Record<string, unknown> }): Promise<void> {
  await insertSearchRow(db, 'ticket_search', ticket.id, { title: ticket.title, body: searchableText(ticket.fields) });
}

/** History entries whose body is searchable; internal notes too, but only staff find tickets by them. */
export const commentEventTypes = new Set(['reply.public', 'reply.requester', 'note.internal']);
export const publicCommentTypes = ['reply.public', 'reply.requester'] as const;

export async function indexCommentText(db: DeskDb, eventId: number, body: string): Promise<void> {
  await insertSearchRow(db, 'comment_search', eventId, { body });
}

/** Replaces a ticket's indexed title and fields after they changed (contentless FTS5 rows are deleted by rowid). */
export async function reindexTicketText(db: DeskDb, ticketId: number): Promise<void> {
  const row = await db.selectFrom('tickets').select(['id', 'title', 'fields']).where('id', '=', ticketId).executeTakeFirstOrThrow();
  await sql`DELETE FROM ticket_search WHERE rowid = ${ticketId}`.execute(db);
  await indexTicketText(db, { id: row.id, title: row.title, fields: JSON.parse(row.fields) as Record<string, unknown> });
}

/**
 * Turns what a person typed into an FTS5 query that cannot be a syntax error:
 * each word quoted, the last one a prefix, all of them required.
 */
export function ftsQuery(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  if (!words.length) return null;
  return words.map((w, i) => `"${w}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}

/** Ids of tickets matching the text, newest first, below `beforeId`. */
export async function searchTicketIds(db: DeskDb, text: string, page: { limit: number; beforeId?: number }): Promise<number[]> {
  const match = ftsQuery(text);
  if (!match) return [];
  const before = page.beforeId === undefined ? sql`` : sql`AND rowid < ${page.beforeId}`;
  const { rows } = await sql<{ rowid: number }>`SELECT rowid FROM ticket_search WHERE ${searchMatches(db, 'ticket_search', 'ticket_search', match)} ${before} ORDER BY rowid DESC LIMIT ${page.limit}`.execute(db);
  return rows.map((r) => r.rowid);
}

/** Whether a database error is a unique-constraint violation (SQLite's code, or PostgreSQL's 23505). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
