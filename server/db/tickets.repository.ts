/** Tickets and their append-only history. */
import { sql } from 'kysely';
import { indexTicketText } from './dialect.ts';
import type { DeskDb } from './database.ts';
import type { TicketRow } from './schema.ts';
import { formatTicketNumber } from '../engine/intake.ts';
import type { WorkflowDefinition } from '../engine/workflow/workflow.schema.ts';
import type { Ticket, TicketEvent } from '../engine/tickets/ticket.schema.ts';

export type { Ticket, TicketEvent };

/** Statuses in which a ticket is still being worked (the partial indexes cover exactly these). */
export const activeStatuses = ['new', 'open', 'pending'] as const;

/**
 * `status IN ('new', 'open', 'pending')` written out as literals: SQLite uses
 * a partial index only when the query's condition visibly implies the
 * index's, which bound parameters never do.
 */
const isActive = sql<boolean>`${sql.ref('status')} in (${sql.join(activeStatuses.map((s) => sql.lit(s)))})`;

function toTicket(row: TicketRow): Ticket {
  return {
    id: row.id,
    number: formatTicketNumber(row.kind as WorkflowDefinition['kind'], row.id),
    workflowId: row.workflow_id,
    workflowVersionId: row.workflow_version_id,
    kind: row.kind,
    status: row.status,
    title: row.title,
    category: row.category,
    priority: row.priority,
    impact: row.impact,
    urgency: row.urgency,
    queue: row.queue_id,
    assigneeId: row.assignee_id,
    requesterId: row.requester_id,
    fields: JSON.parse(row.fields) as Record<string, unknown>,
    slaPolicy: row.sla_policy,
    slaDue: { response: row.response_due_at, resolution: row.resolution_due_at },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    rowVersion: row.row_version,
  };
}

/** Takes the next ticket id from a counter row (dialect-neutral; the write lock makes it safe). */
export async function allocateTicketId(db: DeskDb): Promise<number> {
  const row = await db
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', 'ticket')
    .returning('value')
    .executeTakeFirstOrThrow();
  return row.value;
}

export async function insertTicket(db: DeskDb, t: Omit<Ticket, 'number' | 'updatedAt' | 'rowVersion'> & { idempotencyKey: string | null }): Promise<void> {
  await db
    .insertInto('tickets')
    .values({
      id: t.id,
      workflow_id: t.workflowId,
      workflow_version_id: t.workflowVersionId,
      kind: t.kind,
      status: t.status,
      title: t.title,
      category: t.category,
      priority: t.priority,
      impact: t.impact,
      urgency: t.urgency,
      queue_id: t.queue,
      assignee_id: t.assigneeId,
      requester_id: t.requesterId,
      fields: JSON.stringify(t.fields),
      sla_policy: t.slaPolicy,
      response_due_at: t.slaDue.response,
      resolution_due_at: t.slaDue.resolution,
      idempotency_key: t.idempotencyKey,
      created_at: t.createdAt,
      updated_at: t.createdAt,
      row_version: 1,
    })
    .execute();
  await indexTicketText(db, t);
}

export async function insertEvents(
  db: DeskDb,
  ticketId: number,
  actorId: string | null,
  at: string,
  events: readonly { type: string; data: Record<string, unknown> }[],
): Promise<void> {
  if (!events.length) return;
  await db
    .insertInto('ticket_events')
    .values(events.map((e) => ({ ticket_id: ticketId, type: e.type, actor_id: actorId, data: JSON.stringify(e.data), created_at: at })))
    .execute();
}

export async function findTicket(db: DeskDb, id: number): Promise<Ticket | undefined> {
  const row = await db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toTicket(row);
}

export async function findTicketByIdempotencyKey(db: DeskDb, requesterId: string, key: string): Promise<Ticket | undefined> {
  const row = await db
    .selectFrom('tickets')
    .selectAll()
    .where('requester_id', '=', requesterId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return row && toTicket(row);
}

export async function listEvents(db: DeskDb, ticketId: number): Promise<TicketEvent[]> {
  const rows = await db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, type: r.type, actorId: r.actor_id, data: JSON.parse(r.data) as Record<string, unknown>, createdAt: r.created_at }));
}

export async function findTicketsByIds(db: DeskDb, ids: readonly number[]): Promise<Ticket[]> {
  if (!ids.length) return [];
  const rows = await db.selectFrom('tickets').selectAll().where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, toTicket(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** A requester's own tickets, newest first, paged by id. */
export async function listRequesterTickets(db: DeskDb, requesterId: string, page: { limit: number; beforeId?: number }): Promise<Ticket[]> {
  let query = db.selectFrom('tickets').selectAll().where('requester_id', '=', requesterId);
  if (page.beforeId !== undefined) query = query.where('id', '<', page.beforeId);
  const rows = await query.orderBy('id', 'desc').limit(page.limit).execute();
  return rows.map(toTicket);
}

/** Where the previous page of a queue ended. */
export interface QueueCursor {
  priority: string;
  createdAt: string;
  id: number;
}

/** A queue's active tickets, most urgent and oldest first, paged by keyset over the partial index. */
export async function listQueueTickets(db: DeskDb, queueId: string, page: { limit: number; after?: QueueCursor }): Promise<Ticket[]> {
  let query = db
    .selectFrom('tickets')
    .selectAll()
    .where('queue_id', '=', queueId)
    .where(isActive);
  const after = page.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('priority', '>', after.priority),
        eb.and([eb('priority', '=', after.priority), eb('created_at', '>', after.createdAt)]),
        eb.and([eb('priority', '=', after.priority), eb('created_at', '=', after.createdAt), eb('id', '>', after.id)]),
      ]),
    );
  }
  const rows = await query.orderBy('priority').orderBy('created_at').orderBy('id').limit(page.limit).execute();
  return rows.map(toTicket);
}

/** Active tickets whose resolution is due by `until`, soonest first: the SLA scheduler's wake-up query. */
export async function findTicketsDueBy(db: DeskDb, until: string, limit: number): Promise<Ticket[]> {
  const rows = await db
    .selectFrom('tickets')
    .selectAll()
    .where(isActive)
    .where('resolution_due_at', '<=', until)
    .orderBy('resolution_due_at')
    .limit(limit)
    .execute();
  return rows.map(toTicket);
}

/** Active and unassigned counts per queue. */
export async function queueCounts(db: DeskDb): Promise<Map<string, { open: number; unassigned: number }>> {
  const rows = await db
    .selectFrom('tickets')
    .select((eb) => [
      'queue_id',
      eb.fn.countAll<number>().as('open'),
      sql<number>`sum(case when ${eb.ref('assignee_id')} is null then 1 else 0 end)`.as('unassigned'),
    ])
    .where(isActive)
    .groupBy('queue_id')
    .execute();
  return new Map(rows.map((r) => [r.queue_id, { open: Number(r.open), unassigned: Number(r.unassigned ?? 0) }]));
}
