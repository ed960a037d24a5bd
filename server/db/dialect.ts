/**
 * What differs between SQLite and PostgreSQL, kept in one small module so
 * the rest of the store stays dialect-neutral.
 */

import { sql } from 'kysely';
import type { DeskDb } from './database.ts';

/** The words of a ticket that text search finds it by: its title and its field values. */
export function searchableText(fields: Record<string, unknown>): string {
  return Object.values(fields)
    .flatMap((v) => (Array.isArray(v) ? v : [v]))
    .filter((v) => typeof v === 'string' || typeof v === 'number')
    .join(' ');
}

/** Adds a new ticket to the full-text index (SQLite FTS5). */
export async function indexTicketText(db: DeskDb, ticket: { id: number; title: string; fields: Record<string, unknown> }): Promise<void> {
  await sql`INSERT INTO ticket_search (rowid, title, body) VALUES (${ticket.id}, ${ticket.title}, ${searchableText(ticket.fields)})`.execute(db);
}

/** History entries whose body is searchable; internal notes too, but only staff find tickets by them. */
export const commentEventTypes = new Set(['reply.public', 'reply.requester', 'note.internal']);
export const publicCommentTypes = ['reply.public', 'reply.requester'] as const;

export async function indexCommentText(db: DeskDb, eventId: number, body: string): Promise<void> {
  await sql`INSERT INTO comment_search (rowid, body) VALUES (${eventId}, ${body})`.execute(db);
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
  const { rows } = await sql<{ rowid: number }>`SELECT rowid FROM ticket_search WHERE ticket_search MATCH ${match} ${before} ORDER BY rowid DESC LIMIT ${page.limit}`.execute(db);
  return rows.map((r) => r.rowid);
}

/** Whether a database error is a unique-constraint violation (SQLite's code, or PostgreSQL's 23505). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
