/**
 * The requester's side of a ticket after it is logged: replying, and
 * confirming or reopening a resolution; and the auto-close that confirms
 * for them when they stay silent. The service has checked that the person
 * is the ticket's requester.
 */
import { firstStateOfClass, lifecycleOf } from './lifecycle.ts';
import type { EventDraft } from './notify.ts';
import { change, messagesFor, refuse, type ActionResult, type Actor, type TicketCase, type TicketPatch } from './ticket-case.ts';

const dayMs = 24 * 60 * 60 * 1000;

function moveTo(c: TicketCase, stateClass: 'open' | 'closed'): { patch: TicketPatch; event: EventDraft } {
  const state = firstStateOfClass(lifecycleOf(c.workflow.definition), stateClass);
  return {
    patch: { status: state.id, statusClass: state.class },
    event: { type: 'status.changed', data: { from: c.ticket.status, to: state.id, fromClass: c.ticket.statusClass, toClass: state.class } },
  };
}

/** A reply from the requester; on a ticket waiting for them it goes back to the agents. */
export function requesterReply(c: TicketCase, actor: Actor, input: { body: string }): ActionResult {
  const t = c.ticket;
  if (t.statusClass === 'closed') return refuse(409, 'This ticket is closed. If the problem is back, please submit a new request.');
  const body = input.body.trim();
  const events: EventDraft[] = [{ type: 'reply.requester', data: { body } }];
  let patch: TicketPatch = {};
  if (t.statusClass === 'pending') {
    const moved = moveTo(c, 'open');
    patch = moved.patch;
    events.push({ ...moved.event, data: { ...moved.event.data, reason: 'the requester replied' } });
  }
  const messages = [messagesFor(c, 'reply.requester', patch, { comment: { body, author: actor.name } })];
  // A reply to a resolution is an answer to "is it fixed?": not yet, or they would have confirmed.
  if (t.statusClass === 'resolved') {
    const moved = moveTo(c, 'open');
    patch = { ...moved.patch, resolution: null, closedAt: null };
    events.push(moved.event, { type: 'ticket.reopened', data: { by: 'requester', reason: body } });
    messages.push(messagesFor(c, 'ticket.reopened', patch, { reopenReason: body }));
  }
  return change(patch, events, messages);
}

/** The requester agrees it is fixed: closed, with an optional 1–5 rating. */
export function confirmResolution(c: TicketCase, input: { rating?: number; comment?: string }): ActionResult {
  const t = c.ticket;
  if (t.statusClass !== 'resolved') return refuse(409, `Only a resolved ticket can be confirmed; this one is ${t.status}`);
  const { patch, event } = moveTo(c, 'closed');
  patch.closedAt = c.now.toISOString();
  const comment = input.comment?.trim() || null;
  const rated = input.rating !== undefined || comment !== null;
  if (rated) patch.satisfaction = { rating: input.rating ?? null, comment };
  const events: EventDraft[] = [event, { type: 'ticket.closed', data: { by: 'requester' } }];
  if (rated) events.push({ type: 'satisfaction.recorded', data: { rating: input.rating ?? null, comment } });
  return change(patch, events, [messagesFor(c, 'ticket.closed', patch, { satisfaction: patch.satisfaction ?? null })]);
}

/** The requester says it is not fixed: open again, with their reason. */
export function reopenResolution(c: TicketCase, input: { reason: string }): ActionResult {
  const t = c.ticket;
  const reason = input.reason.trim();
  if (!reason) return refuse(422, 'Tell us what is still wrong', [{ path: 'reason', message: 'is required' }]);
  if (t.statusClass === 'closed') return refuse(409, 'This ticket is closed. If the problem is back, please submit a new request.');
  if (t.statusClass !== 'resolved') return refuse(409, `Only a resolved ticket can be reopened; this one is ${t.status}`);
  const { patch, event } = moveTo(c, 'open');
  patch.resolution = null;
  patch.closedAt = null;
  return change(patch, [event, { type: 'ticket.reopened', data: { by: 'requester', reason } }], [messagesFor(c, 'ticket.reopened', patch, { reopenReason: reason })]);
}

/** When a resolved ticket closes by itself, or null if it should not (yet). */
export function autoCloseAt(c: Pick<TicketCase, 'ticket' | 'workflow'>): Date | null {
  const days = c.workflow.definition.resolution.autoCloseDays;
  const resolvedAt = c.ticket.resolution?.resolvedAt;
  if (c.ticket.statusClass !== 'resolved' || !days || !resolvedAt) return null;
  return new Date(Date.parse(resolvedAt) + days * dayMs);
}

/** Closes a resolved ticket the requester never answered; refuses when it is not due. */
export function autoClose(c: TicketCase): ActionResult {
  const due = autoCloseAt(c);
  if (!due || due > c.now) return refuse(409, 'The ticket is not due to close');
  const { patch, event } = moveTo(c, 'closed');
  patch.closedAt = c.now.toISOString();
  return change(patch, [event, { type: 'ticket.closed', data: { by: 'auto-close', afterDays: c.workflow.definition.resolution.autoCloseDays } }], [
    messagesFor(c, 'ticket.closed', patch),
  ]);
}
