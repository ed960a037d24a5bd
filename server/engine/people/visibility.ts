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

/** Whether the user sees the ticket as support staff (its internal history too). */
export function worksOnTicket(user: User, ticket: { queue: string }, queueGroup: QueueGroup): boolean {
  if (seesAllTickets(user)) return true;
  if (!worksQueues(user)) return false;
  const group = queueGroup(ticket.queue);
  return group !== undefined && user.groups.includes(group);
}

export function canSeeTicket(user: User, ticket: { requesterId: string; queue: string }, queueGroup: QueueGroup): boolean {
  return ticket.requesterId === user.id || worksOnTicket(user, ticket, queueGroup);
}

/** Whether the user may open this queue's list. */
export function canSeeQueue(user: User, queueGroupId: string): boolean {
  return seesAllTickets(user) || (worksQueues(user) && user.groups.includes(queueGroupId));
}
