/**
 * Articles used on tickets, and resolved tickets found by a ticket's words:
 * free functions, `db` first, so they run inside the caller's transaction.
 * The FTS5 bits (`ticket_search`, rowid = the ticket's id) stay here.
 */
import { sql } from 'kysely';
import type { DeskDb } from '../db/database.ts';
import { formatTicketNumber } from '../engine/intake.ts';
import type { WorkflowDefinition } from '../engine/workflow/workflow.schema.ts';
import type { ArticleUse, SimilarTicket } from './agent-knowledge.schema.ts';

export async function insertArticleUse(db: DeskDb, u: { ticketId: number; articleId: number; use: ArticleUse; by: string; at: string }): Promise<void> {
  await db.insertInto('ticket_articles').values({ ticket_id: u.ticketId, article_id: u.articleId, use: u.use, created_by: u.by, created_at: u.at }).execute();
}

/** How many tickets were resolved with each of these articles. */
export async function resolvedWithCounts(db: DeskDb, articleIds: readonly number[]): Promise<Map<number, number>> {
  if (!articleIds.length) return new Map();
  const rows = await db
    .selectFrom('ticket_articles')
    .select((eb) => ['article_id', eb.fn.count<number>('ticket_id').distinct().as('n')])
    .where('use', '=', 'resolved-with')
    .where('article_id', 'in', [...articleIds])
    .groupBy('article_id')
    .execute();
  return new Map(rows.map((r) => [r.article_id, Number(r.n)]));
}

/**
 * Resolved and closed tickets matching an FTS5 expression, best first (bm25;
 * a word in the title counts three times one in the fields). `queues` null:
 * every queue; else only tickets now in one of them.
 */
export async function similarResolvedTickets(db: DeskDb, match: string, scope: { exceptId: number; queues: readonly string[] | null; limit: number }): Promise<SimilarTicket[]> {
  if (scope.queues && !scope.queues.length) return [];
  const inQueues = scope.queues ? sql` AND t.queue_id IN (${sql.join(scope.queues.map((q) => sql`${q}`))})` : sql``;
  const { rows } = await sql<{ id: number; kind: string; title: string; status: string; state_class: string; resolution_code: string | null; resolution_notes: string | null; resolved_at: string | null }>`
    SELECT t.id, t.kind, t.title, t.status, t.state_class, t.resolution_code, t.resolution_notes, t.resolved_at
    FROM ticket_search s
    JOIN tickets t ON t.id = s.rowid
    WHERE ticket_search MATCH ${match} AND t.state_class IN ('resolved', 'closed') AND t.id <> ${scope.exceptId}${inQueues}
    ORDER BY bm25(ticket_search, 3.0, 1.0), t.id DESC
    LIMIT ${scope.limit}`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    number: formatTicketNumber(r.kind as WorkflowDefinition['kind'], r.id),
    title: r.title,
    status: r.status,
    statusClass: r.state_class as SimilarTicket['statusClass'],
    resolution: r.resolved_at ? { code: r.resolution_code ?? '', notes: r.resolution_notes ?? '', resolvedAt: r.resolved_at } : null,
  }));
}
