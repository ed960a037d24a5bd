/**
 * The actions the API offers on a ticket, each one call of `act` with the
 * engine's decision: who may take it (staff of the queue, or the requester)
 * and what it does.
 */
import { inTransaction } from '../db/transaction.ts';
import { DeskError, invalid } from '../errors.ts';
import { findTicket, insertEvents, type Ticket } from '../db/tickets.repository.ts';
import { insertLink, type LinkKind } from '../db/ticket-links.repository.ts';
import type { User } from '../engine/people/people.schema.ts';
import { canSeeTicket } from '../engine/people/visibility.ts';
import { refuse } from '../engine/tickets/ticket-case.ts';
import { assign, escalate, staffComment, transition, updateTicket } from '../engine/tickets/agent-actions.ts';
import type { TransitionInput } from '../engine/tickets/lifecycle.ts';
import { confirmResolution, reopenResolution, requesterReply } from '../engine/tickets/requester-actions.ts';
import type { Priority } from '../engine/workflow/workflow.schema.ts';
import type { Problem } from '../engine/problems.ts';
import { withArticleUse } from '../agent-knowledge/agent-knowledge.service.ts';
import { nextAssignee } from './assignment.service.ts';
import type { DeskContext } from './desk-context.ts';
import { deskSnapshot } from './desk-snapshot.ts';
import { act, type ActOptions } from './ticket-work.service.ts';

/** A move through the lifecycle; a resolution that names the article it used records that article on the ticket. */
export function transitionTicket(
  desk: DeskContext,
  user: User,
  id: number,
  input: TransitionInput & { to: string; internal?: boolean; resolution?: { articleId?: number } },
  options: ActOptions = {},
) {
  const { articleId, ...resolution } = input.resolution ?? {};
  const plain = input.resolution ? { ...input, resolution } : input;
  return act(desk, user, id, 'staff', options, async (c, { trx }) => {
    const decided = transition(c, user, plain);
    return articleId === undefined ? decided : withArticleUse(trx, user, id, decided, articleId, c.now.toISOString());
  });
}

/** A reply or note. Requesters reply publicly on their own tickets; staff of the queue may also add internal notes. */
export function commentOnTicket(desk: DeskContext, user: User, id: number, input: { body: string; internal: boolean }, options: ActOptions = {}) {
  return act(desk, user, id, 'either', options, (c, { as }) => {
    if (as === 'staff') return staffComment(c, user, input);
    return input.internal ? refuse(403, 'Requesters cannot add internal notes') : requesterReply(c, user, input);
  });
}

/** Claim (assign to yourself), assign to a colleague, or move to another queue at the same tier. */
export function assignTicket(desk: DeskContext, user: User, id: number, input: { agentId?: string; queue?: string }, options: ActOptions = {}) {
  return act(desk, user, id, 'staff', options, async (c, { trx, snapshot }) => {
    const moving = input.queue !== undefined && input.queue !== c.ticket.queue && input.agentId === undefined;
    const autoAssignee = moving ? await nextAssignee(trx, snapshot.directory, input.queue!, c.now) : null;
    return assign(c, user, input, { autoAssignee, automatic: autoAssignee !== null });
  });
}

export function escalateTicket(desk: DeskContext, user: User, id: number, input: { kind: 'functional' | 'hierarchical'; queue?: string; reason: string }, options: ActOptions = {}) {
  return act(desk, user, id, 'staff', options, async (c, { trx, snapshot }) => {
    const canMove = input.kind === 'functional' && input.queue && input.queue !== c.ticket.queue && c.workflow.definition.escalateTo.includes(input.queue);
    const autoAssignee = canMove ? await nextAssignee(trx, snapshot.directory, input.queue!, c.now) : null;
    return escalate(c, user, input, autoAssignee);
  });
}

export function changeTicket(
  desk: DeskContext,
  user: User,
  id: number,
  input: { priority?: Priority; impact?: string; urgency?: string; category?: string; fields?: Record<string, unknown> },
  options: ActOptions = {},
) {
  return act(desk, user, id, 'staff', options, (c) => updateTicket(c, input));
}

export function confirmTicket(desk: DeskContext, user: User, id: number, input: { rating?: number; comment?: string }) {
  return act(desk, user, id, 'requester', {}, (c) => confirmResolution(c, input));
}

export function reopenTicket(desk: DeskContext, user: User, id: number, input: { reason: string }) {
  return act(desk, user, id, 'requester', {}, (c) => reopenResolution(c, input));
}

/** Links two tickets the person works on; the link shows on both. */
export function linkTickets(desk: DeskContext, user: User, id: number, input: { kind: LinkKind; ticketId: number }) {
  return inTransaction(desk.db, async (trx) => {
    if (input.ticketId === id) throw invalid('A ticket cannot be linked to itself', [{ path: 'ticketId', message: 'is this ticket' }]);
    const other = await findTicket(trx, input.ticketId);
    const snapshot = await deskSnapshot(desk, trx);
    if (!other || !canSeeTicket(user, other, (q) => snapshot.directory.queues.get(q)?.group)) {
      throw invalid('The other ticket was not found', [{ path: 'ticketId', message: `there is no ticket ${input.ticketId} you can see` }]);
    }
    return act({ ...desk, db: trx }, user, id, 'staff', {}, async (c) => {
      const at = c.now.toISOString();
      if (!(await insertLink(trx, { ticketId: id, kind: input.kind, otherId: other.id, at, by: user.id }))) {
        return { ok: false, status: 409, message: `The tickets are already linked as ${input.kind}` };
      }
      await insertEvents(trx, other.id, user.id, at, [{ type: 'ticket.linked', data: { kind: input.kind, from: id, to: other.id } }]);
      return { ok: true, patch: {}, events: [{ type: 'ticket.linked', data: { kind: input.kind, from: id, to: other.id } }], notifications: [] };
    });
  });
}

export type BulkAction = { assign: { agentId?: string; queue?: string } } | { transition: TransitionInput & { to: string } };

/**
 * The same change to many tickets, all or none: the first ticket that
 * refuses rolls the whole batch back, and the error says which one and why.
 */
export async function bulkChange(desk: DeskContext, user: User, requested: readonly number[], action: BulkAction): Promise<Ticket[]> {
  const ids = [...new Set(requested)];
  return inTransaction(desk.db, async (trx) => {
    // Wakes wait for the commit below.
    const scoped = { ...desk, db: trx, onOutboxWritten: undefined, onTicketChanged: undefined };
    const done: Ticket[] = [];
    for (const [i, id] of ids.entries()) {
      try {
        done.push('assign' in action ? await assignTicket(scoped, user, id, action.assign) : await transitionTicket(scoped, user, id, action.transition));
      } catch (error) {
        if (!(error instanceof DeskError)) throw error;
        const problems: Problem[] = [{ path: `ids[${i}]`, message: `ticket ${id}: ${error.message}` }, ...(error.errors ?? []).map((p) => ({ ...p, path: `ids[${i}].${p.path}` }))];
        throw new DeskError(error.status === 404 ? 422 : error.status, error.code, `Nothing was changed: ticket ${id} could not be changed`, problems);
      }
    }
    return done;
  }).then((tickets) => {
    desk.onOutboxWritten?.();
    desk.onTicketChanged?.();
    return tickets;
  });
}
