/**
 * The ticket list behind queues, "my work", searches and saved views: one
 * query with filters, an optional compiled view filter, text search over
 * titles, fields and the conversation, and keyset paging on the chosen
 * order, so page 400 costs what page 1 does.
 */
import { sql, type Expression, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { DeskDb } from './database.ts';
import { ftsQuery, publicCommentTypes, searchMatches } from './dialect.ts';
import type { Database, TicketRow } from './schema.ts';
import { isActive, toTicket, type Ticket } from './tickets.repository.ts';
import { stateClasses } from '../engine/workflow/lifecycle.schema.ts';

export const ticketSorts = ['urgent', 'newest', 'oldest', 'updated'] as const;
export type TicketSort = (typeof ticketSorts)[number];

type Column = 'priority' | 'created_at' | 'updated_at' | 'id';
const sortColumns: Record<TicketSort, [Column, 'asc' | 'desc'][]> = {
  urgent: [['priority', 'asc'], ['created_at', 'asc'], ['id', 'asc']],
  // Ids are handed out as tickets are logged, so id order is creation order, read straight off the primary key.
  newest: [['id', 'desc']],
  oldest: [['id', 'asc']],
  updated: [['updated_at', 'desc'], ['id', 'desc']],
};

export interface TicketListQuery {
  /** What the caller may see: tickets in these queues ("all" for managers) or that they requested. */
  scope: { queues: readonly string[] | 'all'; requesterId?: string };
  /** A state name, or a class ("open" matches every state of class open); "active" is new, open and pending. */
  state?: string;
  priority?: readonly string[];
  category?: string;
  queue?: string;
  /** Only tickets escalated to their queue's manager, in these queues (the queues the caller manages). */
  managerFlaggedIn?: readonly string[];
  /** A user id, or null for unassigned. */
  assignee?: string | null;
  requester?: string;
  createdFrom?: string;
  createdTo?: string;
  updatedFrom?: string;
  updatedTo?: string;
  text?: string;
  /** Where matches in internal notes count: the queues the caller works ("all" for managers); elsewhere only public replies. */
  searchInternal?: readonly string[] | 'all';
  where?: (eb: ExpressionBuilder<Database, 'tickets'>) => Expression<SqlBool>;
  sort: TicketSort;
}

export type TicketCursor = (string | number)[];

export async function listTickets(db: DeskDb, q: TicketListQuery, page: { limit: number; after?: TicketCursor }): Promise<{ items: Ticket[]; next: TicketCursor | null }> {
  let query = db.selectFrom('tickets').selectAll('tickets');
  const { queues, requesterId } = q.scope;
  if (queues !== 'all') {
    query = query.where((eb) => {
      const parts: Expression<SqlBool>[] = [];
      if (queues.length) parts.push(eb('queue_id', 'in', queues));
      if (requesterId) parts.push(eb('requester_id', '=', requesterId));
      return parts.length ? eb.or(parts) : eb.val(false);
    });
  }
  if (q.state === 'active') query = query.where(isActive);
  else if (q.state && (stateClasses as readonly string[]).includes(q.state)) query = query.where('state_class', '=', q.state);
  else if (q.state) query = query.where('status', '=', q.state);
  if (q.priority?.length) query = query.where('priority', 'in', q.priority);
  if (q.category) query = query.where('category', '=', q.category);
  if (q.queue) query = query.where('queue_id', '=', q.queue);
  if (q.managerFlaggedIn) {
    const flaggedIn = q.managerFlaggedIn;
    query = query.where('manager_flagged_at', 'is not', null).where((eb) => (flaggedIn.length ? eb('queue_id', 'in', flaggedIn) : sql<SqlBool>`1 = 0`));
  }
  if (q.assignee === null) query = query.where('assignee_id', 'is', null);
  else if (q.assignee) query = query.where('assignee_id', '=', q.assignee);
  if (q.requester) query = query.where('requester_id', '=', q.requester);
  if (q.createdFrom) query = query.where('created_at', '>=', q.createdFrom);
  if (q.createdTo) query = query.where('created_at', '<', q.createdTo);
  if (q.updatedFrom) query = query.where('updated_at', '>=', q.updatedFrom);
  if (q.updatedTo) query = query.where('updated_at', '<', q.updatedTo);
  if (q.where) query = query.where(q.where);
  const columns = sortColumns[q.sort];
  const after = page.after;
  if (after) {
    if (after.length !== columns.length) throw new RangeError('cursor does not fit the sort');
    query = query.where((eb) =>
      eb.or(
        columns.map(([col, dir], i) =>
          eb.and([
            ...columns.slice(0, i).map(([c], j) => eb(c, '=', after[j]!)),
            eb(col, dir === 'asc' ? '>' : '<', after[i]!),
          ]),
        ),
      ),
    );
  }
  for (const [col, dir] of columns) query = query.orderBy(col, dir);
  const limit = page.limit + 1;
  let rows: TicketRow[];
  if (q.text === undefined) rows = await query.limit(limit).execute();
  else {
    const match = ftsQuery(q.text);
    if (!match) return { items: [], next: null };
    rows = await searchRows(db, query, match, q, columns, limit);
  }
  const items = rows.slice(0, page.limit).map(toTicket);
  const last = rows.length > page.limit ? rows[page.limit - 1] : undefined;
  return { items, next: last ? columns.map(([c]) => last[c]) : null };
}

type TicketQuery = SelectQueryBuilder<Database, 'tickets', TicketRow>;

/**
 * Text search. Title and field matches are read from the full-text index in
 * id order and stop at a page (so a common word costs what a rare one does);
 * conversation matches are fewer and are merged in. Other sorts fall back to
 * filtering by the set of matching ids.
 */
async function searchRows(db: DeskDb, query: TicketQuery, match: string, q: TicketListQuery, columns: [Column, 'asc' | 'desc'][], limit: number): Promise<TicketRow[]> {
  const comments = (types: 'public' | 'all') =>
    sql`tickets.id IN (SELECT e.ticket_id FROM comment_search JOIN ticket_events e ON e.id = comment_search.rowid WHERE ${searchMatches(db, 'comment_search', 'comment_search', match)}${
      types === 'public' ? sql` AND e.type IN (${sql.join(publicCommentTypes.map((t) => sql.lit(t)))})` : sql``
    })`;
  const internal = q.searchInternal ?? [];
  // A note counts only where the caller may read notes: the queues they work.
  const notes =
    internal === 'all' ? comments('all')
    : internal.length ? sql`(tickets.queue_id IN (${sql.join(internal)}) AND ${comments('all')})`
    : sql`1 = 0`;
  const inConversation = sql<SqlBool>`(${comments('public')} OR ${notes})`;
  const byId = columns.length === 1 && columns[0]![0] === 'id';
  if (!byId) {
    return query.where(sql<SqlBool>`(tickets.id IN (SELECT rowid FROM ticket_search WHERE ${searchMatches(db, 'ticket_search', 'ticket_search', match)}) OR ${inConversation})`).limit(limit).execute();
  }
  const dir = columns[0]![1];
  const [inText, inTalk] = await Promise.all([
    query
      .clearOrderBy()
      .innerJoin(sql<{ rowid: number }>`ticket_search`.as('s'), (join) => join.on(sql`s.rowid`, '=', sql.ref('tickets.id')))
      .where(searchMatches(db, 'ticket_search', 's', match))
      .orderBy(sql`s.rowid`, dir)
      .limit(limit)
      .execute() as Promise<TicketRow[]>,
    query.where(inConversation).limit(limit).execute(),
  ]);
  const merged = new Map<number, TicketRow>();
  for (const row of [...inText, ...inTalk]) merged.set(row.id, row);
  return [...merged.values()].sort((a, b) => (dir === 'asc' ? a.id - b.id : b.id - a.id)).slice(0, limit);
}
