/** Reading tickets and queues, limited to what the person may see. */
import { invalid, notFound } from '../errors.ts';
import { listQueues } from '../db/desk.repository.ts';
import { findView } from '../db/saved-views.repository.ts';
import { compileTicketFilter } from '../db/ticket-filter.ts';
import { listTickets, type TicketCursor, type TicketListQuery } from '../db/ticket-list.repository.ts';
import { listLinks } from '../db/ticket-links.repository.ts';
import {
  findTicket,
  listEvents,
  listQueueTickets,
  queueCounts,
  type QueueCounts,
  type QueueCursor,
  type Ticket,
  type TicketEvent,
} from '../db/tickets.repository.ts';
import type { Queue } from '../engine/desk/desk.schema.ts';
import type { User } from '../engine/people/people.schema.ts';
import { canSeeQueue, canSeeTicket, followsTicket, seesAllTickets, worksQueues } from '../engine/people/visibility.ts';
import { userNames } from '../db/users.repository.ts';
import type { DeskContext } from './desk-context.ts';
import { deskSnapshot } from './desk-snapshot.ts';
import { policyCalendar, ticketSla } from '../engine/tickets/sla-clocks.ts';
import { ticketAttachments } from './attachment.service.ts';

/**
 * The history a requester sees: their ticket's conversation and its state,
 * never internal notes, escalations, assignments or messages to staff.
 */
const publicEventTypes = new Set([
  'ticket.created',
  'reply.public',
  'reply.requester',
  'status.changed',
  'ticket.resolved',
  'ticket.closed',
  'ticket.reopened',
  'satisfaction.recorded',
  'attachment.added',
]);

export async function getTicket(desk: DeskContext, user: User, id: number) {
  const [found, { directory }] = await Promise.all([findTicket(desk.db, id), deskSnapshot(desk)]);
  const queueGroup = (q: string) => directory.queues.get(q)?.group;
  if (!found || !canSeeTicket(user, found, queueGroup)) throw notFound(`Ticket ${id}`);
  const staff = followsTicket(user, found, queueGroup);
  const ticket = staff ? found : { ...found, heldByGroups: [], managerFlaggedAt: null };
  const policy = directory.slaPolicies.get(ticket.slaPolicy);
  const sla = policy ? ticketSla(ticket, policy, policyCalendar({ desk: directory }, policy), desk.now()) : null;
  const [events, links, attachments] = await Promise.all([listEvents(desk.db, id), staff ? listLinks(desk.db, id) : [], ticketAttachments(desk, id, staff)]);
  return { ticket, sla, events: staff ? events : events.filter((e) => publicEventTypes.has(e.type)), links, attachments };
}

/** The timeline alone, oldest first. */
export async function ticketEvents(desk: DeskContext, user: User, id: number): Promise<TicketEvent[]> {
  return (await getTicket(desk, user, id)).events;
}

/** What a person may filter the ticket list by (ids already resolved: "me" is the caller). */
export type TicketFilters = Omit<TicketListQuery, 'scope' | 'searchInternal' | 'where' | 'managerFlaggedIn'> & {
  mine?: boolean;
  viewId?: number;
  /** Only what was escalated to the caller as a queue's manager. */
  escalatedToMe?: boolean;
};

const encodeListCursor = (c: TicketCursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeListCursor(text: string): TicketCursor | undefined {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString()) as unknown;
    if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value;
  } catch {
    // an unreadable cursor is refused below
  }
  return undefined;
}

/**
 * The ticket list: requesters see their own tickets; staff the queues their
 * groups work plus their own requests; managers and admins everything.
 * Internal notes count for text search only where the person is staff.
 */
export async function listTicketsFor(desk: DeskContext, user: User, filters: TicketFilters, page: { limit: number; cursor?: string }) {
  const queues = await listQueues(desk.db);
  const staffQueues = queues.filter((q) => canSeeQueue(user, q.group)).map((q) => q.id);
  const scope = seesAllTickets(user) ? { queues: 'all' as const } : { queues: worksQueues(user) ? staffQueues : [], requesterId: user.id };
  const { mine, viewId, escalatedToMe, ...rest } = filters;
  let where: TicketListQuery['where'];
  if (viewId !== undefined) {
    const view = await findView(desk.db, user.id, viewId);
    if (!view) throw notFound(`The view ${viewId}`);
    const compiled = compileTicketFilter(view.filter, { userId: user.id, now: desk.now() });
    if (!compiled.ok) throw invalid(`The view "${view.name}" has a filter the desk cannot run`, compiled.problems);
    where = compiled.where;
  }
  const decoded = page.cursor ? decodeListCursor(page.cursor) : undefined;
  if (page.cursor && !decoded) throw invalid('That page does not exist', [{ path: 'cursor', message: 'is not a cursor this list gave out' }]);
  // A cursor remembers its sort: the next page of one order is no page of another.
  if (decoded && decoded[0] !== rest.sort) throw invalid('That page does not exist', [{ path: 'cursor', message: 'was given out for a different sort' }]);
  const after = decoded?.slice(1);
  const query: TicketListQuery = {
    ...rest,
    scope,
    ...(mine ? { requester: user.id } : {}),
    ...(escalatedToMe ? { managerFlaggedIn: queues.filter((q) => q.manager === user.email).map((q) => q.id) } : {}),
    searchInternal: seesAllTickets(user) ? 'all' : worksQueues(user) ? staffQueues : [],
    ...(where ? { where } : {}),
  };
  try {
    const result = await listTickets(desk.db, query, { limit: page.limit, ...(after ? { after } : {}) });
    const groups = new Map(queues.map((q) => [q.id, q.group]));
    // Someone who only asked for a ticket sees the public part of it, as on its own page.
    const staffFor = (t: Ticket) => followsTicket(user, t, (q) => groups.get(q));
    const items = result.items.map((t) => (staffFor(t) ? t : { ...t, heldByGroups: [], managerFlaggedAt: null }));
    return { items, next: result.next && encodeListCursor([query.sort, ...result.next]), assignees: await assigneeNames(desk, result.items.filter(staffFor)) };
  } catch (error) {
    if (error instanceof RangeError) throw invalid('That page does not exist', [{ path: 'cursor', message: 'was given out for a different sort' }]);
    throw error;
  }
}

/**
 * The names of whoever is assigned these tickets, for a list's "assignee"
 * column. Only pass tickets the caller follows as staff: someone who only
 * asked for a ticket is not told who works it from a list.
 */
async function assigneeNames(desk: DeskContext, tickets: readonly Ticket[]): Promise<{ id: string; name: string }[]> {
  return userNames(desk.db, tickets.flatMap((t) => (t.assigneeId ? [t.assigneeId] : [])));
}

/** The queues a person works, each with its counts: open, unassigned, theirs, and past an SLA due time. */
export async function visibleQueues(desk: DeskContext, user: User): Promise<(Queue & QueueCounts)[]> {
  const [queues, counts] = await Promise.all([listQueues(desk.db), queueCounts(desk.db, { userId: user.id, now: desk.now().toISOString() })]);
  const none: QueueCounts = { open: 0, unassigned: 0, mine: 0, breaching: 0, escalated: 0 };
  return queues.filter((q) => canSeeQueue(user, q.group)).map((q) => ({ ...q, ...(counts.get(q.id) ?? none) }));
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
  return {
    items,
    next: tickets.length > page.limit && last ? encodeCursor({ priority: last.priority, createdAt: last.createdAt, id: last.id }) : null,
    assignees: await assigneeNames(desk, items),
  };
}
