/**
 * Who may see a ticket. Requesters see their own; agents and specialists
 * the queues their groups work; managers and admins every ticket.
 * Anything else is answered "not found", never "forbidden".
 */
import type { User } from './people.schema.ts';

export function seesAllTickets(user: User): boolean {
  return user.roles.includes('admin') || user.roles.includes('manager');
}

export function worksQueues(user: User): boolean {
  return user.roles.includes('agent') || user.roles.includes('specialist');
}

type QueueGroup = (queueId: string) => string | undefined;

/** Whether the user may act on the ticket as support staff: it is in a queue their group works. */
export function worksOnTicket(user: User, ticket: { queue: string }, queueGroup: QueueGroup): boolean {
  if (seesAllTickets(user)) return true;
  if (!worksQueues(user)) return false;
  const group = queueGroup(ticket.queue);
  return group !== undefined && user.groups.includes(group);
}

/**
 * Whether the user sees the ticket as support staff (its internal history
 * too): they work it now, or their group held it before it was escalated, so
 * first line keeps following what second line does.
 */
export function followsTicket(user: User, ticket: { queue: string; heldByGroups?: readonly string[] }, queueGroup: QueueGroup): boolean {
  if (worksOnTicket(user, ticket, queueGroup)) return true;
  return worksQueues(user) && (ticket.heldByGroups ?? []).some((g) => user.groups.includes(g));
}

export function canSeeTicket(user: User, ticket: { requesterId: string; queue: string; heldByGroups?: readonly string[] }, queueGroup: QueueGroup): boolean {
  return ticket.requesterId === user.id || followsTicket(user, ticket, queueGroup);
}

/** Whether the user may open this queue's list. */
export function canSeeQueue(user: User, queueGroupId: string): boolean {
  return seesAllTickets(user) || (worksQueues(user) && user.groups.includes(queueGroupId));
}
