/** Reading tickets and queues, limited to what the person may see. */
import { notFound } from '../errors.ts';
import { listQueues } from '../db/desk.repository.ts';
import { searchTicketIds } from '../db/dialect.ts';
import {
  findTicket,
  findTicketsByIds,
  listEvents,
  listQueueTickets,
  listRequesterTickets,
  queueCounts,
  type QueueCursor,
  type Ticket,
  type TicketEvent,
} from '../db/tickets.repository.ts';
import type { Queue } from '../engine/desk/desk.schema.ts';
import type { User } from '../engine/people/people.schema.ts';
import { canSeeQueue, canSeeTicket, followsTicket } from '../engine/people/visibility.ts';
import type { DeskContext } from './desk-context.ts';

/** Requesters never see internal events (notes, notifications to staff). */
const publicEventTypes = new Set(['ticket.created', 'reply.public', 'status.changed', 'ticket.resolved', 'ticket.closed', 'ticket.reopened']);

export async function getTicket(desk: DeskContext, user: User, id: number): Promise<{ ticket: Ticket; events: TicketEvent[] }> {
  const ticket = await findTicket(desk.db, id);
  const queues = new Map((await listQueues(desk.db)).map((q) => [q.id, q.group]));
  if (!ticket || !canSeeTicket(user, ticket, (q) => queues.get(q))) throw notFound(`Ticket ${id}`);
  const events = await listEvents(desk.db, id);
  const staff = followsTicket(user, ticket, (q) => queues.get(q));
  return { ticket, events: staff ? events : events.filter((e) => publicEventTypes.has(e.type)) };
}

export async function myTickets(desk: DeskContext, user: User, page: { limit: number; beforeId?: number }) {
  const tickets = await listRequesterTickets(desk.db, user.id, { limit: page.limit + 1, ...(page.beforeId !== undefined ? { beforeId: page.beforeId } : {}) });
  const more = tickets.length > page.limit;
  const items = tickets.slice(0, page.limit);
  return { items, next: more ? String(items.at(-1)!.id) : null };
}

/**
 * Tickets whose title or fields match the text, newest first, among those the
 * person may see. Reads the index in chunks until a page is full.
 */
export async function searchTickets(desk: DeskContext, user: User, text: string, page: { limit: number; beforeId?: number }) {
  const queues = new Map((await listQueues(desk.db)).map((q) => [q.id, q.group]));
  const items: Ticket[] = [];
  let before = page.beforeId;
  let exhausted = false;
  while (items.length < page.limit && !exhausted) {
    const chunk = page.limit * 4;
    const ids = await searchTicketIds(desk.db, text, { limit: chunk, ...(before !== undefined ? { beforeId: before } : {}) });
    exhausted = ids.length < chunk;
    if (ids.length) before = ids.at(-1);
    for (const ticket of await findTicketsByIds(desk.db, ids)) {
      if (items.length < page.limit && canSeeTicket(user, ticket, (q) => queues.get(q))) items.push(ticket);
    }
  }
  // A full page may be followed by an empty one; that is cheaper than looking ahead.
  return { items, next: items.length === page.limit ? String(items.at(-1)!.id) : null };
}

export async function visibleQueues(desk: DeskContext, user: User): Promise<(Queue & { open: number; unassigned: number })[]> {
  const [queues, counts] = await Promise.all([listQueues(desk.db), queueCounts(desk.db)]);
  return queues
    .filter((q) => canSeeQueue(user, q.group))
    .map((q) => ({ ...q, open: counts.get(q.id)?.open ?? 0, unassigned: counts.get(q.id)?.unassigned ?? 0 }));
}

const encodeCursor = (c: QueueCursor) => Buffer.from(JSON.stringify([c.priority, c.createdAt, c.id])).toString('base64url');
function decodeCursor(text: string): QueueCursor | undefined {
  try {
    const [priority, createdAt, id] = JSON.parse(Buffer.from(text, 'base64url').toString()) as [unknown, unknown, unknown];
    if (typeof priority === 'string' && typeof createdAt === 'string' && typeof id === 'number') return { priority, createdAt, id };
  } catch {
    // an unreadable cursor is treated as none below
  }
  return undefined;
}

/** A queue's active tickets, one page at a time; `next` is the cursor of the following page. */
export async function queueTickets(desk: DeskContext, user: User, queueId: string, page: { limit: number; cursor?: string }) {
  const queue = (await listQueues(desk.db)).find((q) => q.id === queueId);
  if (!queue || !canSeeQueue(user, queue.group)) throw notFound(`The queue "${queueId}"`);
  const after = page.cursor ? decodeCursor(page.cursor) : undefined;
  if (page.cursor && !after) throw notFound('That page of the queue');
  const tickets = await listQueueTickets(desk.db, queueId, { limit: page.limit + 1, ...(after ? { after } : {}) });
  const items = tickets.slice(0, page.limit);
  const last = items.at(-1);
  return { items, next: tickets.length > page.limit && last ? encodeCursor({ priority: last.priority, createdAt: last.createdAt, id: last.id }) : null };
}
