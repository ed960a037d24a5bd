/** Tickets and their append-only history. */
import { sql } from 'kysely';
import { commentEventTypes, indexCommentText, indexTicketText, reindexTicketText } from './dialect.ts';
import type { DeskDb } from './database.ts';
import type { TicketRow, TicketsTable } from './schema.ts';
import type { Updateable } from 'kysely';
import type { TicketPatch } from '../engine/tickets/ticket-case.ts';
import { formatTicketNumber } from '../engine/intake.ts';
import type { WorkflowDefinition } from '../engine/workflow/workflow.schema.ts';
import type { Ticket, TicketEvent } from '../engine/tickets/ticket.schema.ts';

export type { Ticket, TicketEvent };

/** State classes in which a ticket is still being worked (the partial indexes cover exactly these). */
export const activeClasses = ['new', 'open', 'pending'] as const;

/**
 * `state_class IN ('new', 'open', 'pending')` written out as literals: SQLite
 * uses a partial index only when the query's condition visibly implies the
 * index's, which bound parameters never do.
 */
export const isActive = sql<boolean>`${sql.ref('tickets.state_class')} in (${sql.join(activeClasses.map((s) => sql.lit(s)))})`;

export function toTicket(row: TicketRow): Ticket {
  return {
    id: row.id,
    number: formatTicketNumber(row.kind as WorkflowDefinition['kind'], row.id),
    workflowId: row.workflow_id,
    workflowVersionId: row.workflow_version_id,
    kind: row.kind,
    status: row.status,
    statusClass: row.state_class as Ticket['statusClass'],
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
    firstResponseAt: row.first_response_at,
    resolution: row.resolved_at ? { code: row.resolution_code ?? '', notes: row.resolution_notes ?? '', resolvedAt: row.resolved_at } : null,
    closedAt: row.closed_at,
    satisfaction:
      row.satisfaction_rating !== null || row.satisfaction_comment !== null
        ? { rating: row.satisfaction_rating, comment: row.satisfaction_comment }
        : null,
    managerFlaggedAt: row.manager_flagged_at,
    heldByGroups: JSON.parse(row.held_by_groups) as string[],
    slaPauses: JSON.parse(row.sla_pauses) as Ticket['slaPauses'],
    escalationCycle: row.escalation_cycle,
    slaRestartedAt: row.sla_restarted_at,
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

/** What a new ticket is written with; everything an agent adds later starts empty. */
export type NewTicketRecord = Pick<
  Ticket,
  'id' | 'workflowId' | 'workflowVersionId' | 'kind' | 'status' | 'statusClass' | 'title' | 'category' | 'priority' | 'impact' | 'urgency' | 'queue' | 'assigneeId' | 'requesterId' | 'fields' | 'slaPolicy' | 'slaDue' | 'createdAt'
> & { idempotencyKey: string | null; escalationCheckAt?: string | null };

export async function insertTicket(db: DeskDb, t: NewTicketRecord): Promise<void> {
  await db
    .insertInto('tickets')
    .values({
      id: t.id,
      workflow_id: t.workflowId,
      workflow_version_id: t.workflowVersionId,
      kind: t.kind,
      status: t.status,
      state_class: t.statusClass,
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
      escalation_check_at: t.escalationCheckAt ?? null,
      created_at: t.createdAt,
      updated_at: t.createdAt,
      row_version: 1,
    })
    .execute();
  await indexTicketText(db, t);
}

/** Appends history; returns the new events' ids in order. Replies and notes become searchable by their words. */
export async function insertEvents(
  db: DeskDb,
  ticketId: number,
  actorId: string | null,
  at: string,
  events: readonly { type: string; data: Record<string, unknown> }[],
): Promise<number[]> {
  if (!events.length) return [];
  const rows = await db
    .insertInto('ticket_events')
    .values(events.map((e) => ({ ticket_id: ticketId, type: e.type, actor_id: actorId, data: JSON.stringify(e.data), created_at: at })))
    .returning('id')
    .execute();
  const ids = rows.map((r) => r.id);
  for (const [i, e] of events.entries()) {
    if (commentEventTypes.has(e.type) && typeof e.data.body === 'string') await indexCommentText(db, ids[i]!, e.data.body);
  }
  return ids;
}

/**
 * Writes an action's patch if the ticket is still at `version`; false when
 * someone else changed it first (nothing is written then).
 */
/**
 * Writes a patch if the ticket is still at `version`. `escalationCheckAt`
 * schedules the escalation scheduler's next look (undefined: unchanged).
 */
export async function updateTicket(
  db: DeskDb,
  id: number,
  version: number,
  patch: TicketPatch,
  at: string,
  escalationCheckAt?: string | null,
): Promise<boolean> {
  const set: Updateable<TicketsTable> = { updated_at: at, row_version: version + 1 };
  if (escalationCheckAt !== undefined) set.escalation_check_at = escalationCheckAt;
  if (patch.escalationCycle !== undefined) set.escalation_cycle = patch.escalationCycle;
  if (patch.slaRestartedAt !== undefined) set.sla_restarted_at = patch.slaRestartedAt;
  const p = patch;
  if (p.status !== undefined) set.status = p.status;
  if (p.statusClass !== undefined) set.state_class = p.statusClass;
  if (p.assigneeId !== undefined) set.assignee_id = p.assigneeId;
  if (p.queue !== undefined) set.queue_id = p.queue;
  if (p.priority !== undefined) set.priority = p.priority;
  if (p.impact !== undefined) set.impact = p.impact;
  if (p.urgency !== undefined) set.urgency = p.urgency;
  if (p.category !== undefined) set.category = p.category;
  if (p.fields !== undefined) set.fields = JSON.stringify(p.fields);
  if (p.slaDue !== undefined) Object.assign(set, { response_due_at: p.slaDue.response, resolution_due_at: p.slaDue.resolution });
  if (p.firstResponseAt !== undefined) set.first_response_at = p.firstResponseAt;
  if (p.resolution !== undefined) {
    Object.assign(set, { resolution_code: p.resolution?.code ?? null, resolution_notes: p.resolution?.notes ?? null, resolved_at: p.resolution?.resolvedAt ?? null });
  }
  if (p.closedAt !== undefined) set.closed_at = p.closedAt;
  if (p.satisfaction !== undefined) Object.assign(set, { satisfaction_rating: p.satisfaction?.rating ?? null, satisfaction_comment: p.satisfaction?.comment ?? null });
  if (p.managerFlaggedAt !== undefined) set.manager_flagged_at = p.managerFlaggedAt;
  if (p.heldByGroups !== undefined) set.held_by_groups = JSON.stringify(p.heldByGroups);
  if (p.slaPauses !== undefined) set.sla_pauses = JSON.stringify(p.slaPauses);
  const result = await db.updateTable('tickets').set(set).where('id', '=', id).where('row_version', '=', version).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 1 && (p.fields !== undefined)) await reindexTicketText(db, id);
  return Number(result.numUpdatedRows) === 1;
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

export interface QueueCounts {
  open: number;
  unassigned: number;
  /** Assigned to the person asking. */
  mine: number;
  /** Past a response or resolution due time. */
  breaching: number;
  /** Escalated to the queue's manager (hierarchical escalation) and still active. */
  escalated: number;
}

/** Counts of active tickets per queue, read from the (queue, assignee) partial index and the due-time indexes. */
export async function queueCounts(db: DeskDb, who: { userId: string; now: string }): Promise<Map<string, QueueCounts>> {
  const rows = await db
    .selectFrom('tickets')
    .select((eb) => [
      'queue_id',
      eb.fn.countAll<number>().as('open'),
      sql<number>`sum(case when ${eb.ref('assignee_id')} is null then 1 else 0 end)`.as('unassigned'),
      sql<number>`sum(case when ${eb.ref('assignee_id')} = ${who.userId} then 1 else 0 end)`.as('mine'),
      // Waiting on the requester is not the desk's breach.
      sql<number>`sum(case when ${eb.ref('state_class')} <> 'pending' and ((${eb.ref('first_response_at')} is null and ${eb.ref('response_due_at')} < ${who.now}) or ${eb.ref('resolution_due_at')} < ${who.now}) then 1 else 0 end)`.as('breaching'),
      sql<number>`sum(case when ${eb.ref('manager_flagged_at')} is not null then 1 else 0 end)`.as('escalated'),
    ])
    .where(isActive)
    .groupBy('queue_id')
    .execute();
  return new Map(
    rows.map((r) => [r.queue_id, { open: Number(r.open), unassigned: Number(r.unassigned ?? 0), mine: Number(r.mine ?? 0), breaching: Number(r.breaching ?? 0), escalated: Number(r.escalated ?? 0) }]),
  );
}

/** Ids of resolved tickets resolved before `cutoff`, in id order: the auto-close job's scan. */
export async function findResolvedBefore(db: DeskDb, cutoff: string, page: { afterId: number; limit: number }): Promise<number[]> {
  const rows = await db
    .selectFrom('tickets')
    .select('id')
    // A literal, so SQLite sees the partial index's condition.
    .where('state_class', '=', sql.lit('resolved'))
    .where('resolved_at', '<=', cutoff)
    .where('id', '>', page.afterId)
    .orderBy('id')
    .limit(page.limit)
    .execute();
  return rows.map((r) => r.id);
}
