/**
 * Every change to an existing ticket goes through `act`: one transaction
 * that loads the ticket and its world, checks who may do it and that the
 * caller saw the current version, asks the engine what the change means,
 * and writes the patch, its history and its messages — or nothing.
 */
import { DeskError, forbidden, notFound } from '../errors.ts';
import { inTransaction } from '../db/transaction.ts';
import { insertOutbox, insertWebhooks } from '../db/outbox.repository.ts';
import { findTicket, insertEvents, updateTicket, type Ticket } from '../db/tickets.repository.ts';
import { findUserById } from '../db/users.repository.ts';
import { findVersionById } from '../db/workflows.repository.ts';
import type { DeskDb } from '../db/database.ts';
import type { Member } from '../engine/intake.ts';
import type { User } from '../engine/people/people.schema.ts';
import { canSeeTicket, worksOnTicket } from '../engine/people/visibility.ts';
import type { ActionResult, TicketCase } from '../engine/tickets/ticket-case.ts';
import { withSlaClocks } from '../engine/tickets/sla-clocks.ts';
import type { DeskContext } from './desk-context.ts';
import { deskSnapshot, type DeskSnapshot } from './desk-snapshot.ts';

/**
 * Who may take an action: staff working the ticket's queue, the ticket's
 * requester, or `either` (replies, files): its requester unless they also
 * work its queue, else its staff.
 */
export type ActingAs = 'staff' | 'requester' | 'either';

export interface ActOptions {
  /** The version the caller last saw; a different current version is 409. */
  version?: number;
}

export interface Decision {
  (c: TicketCase, tools: { trx: DeskDb; snapshot: DeskSnapshot; as: 'staff' | 'requester' }): ActionResult | Promise<ActionResult>;
}

const toMember = (u: User): Member => ({ id: u.id, name: u.name, email: u.email, locale: u.locale, timeZone: u.timeZone });

/** Loads everything an action needs to know about a ticket, inside the caller's transaction. */
export async function loadCase(desk: DeskContext, trx: DeskDb, ticket: Ticket, snapshot: DeskSnapshot): Promise<TicketCase> {
  // Most tickets run under their workflow's newest version, which the snapshot already holds parsed.
  const newest = snapshot.published.get(ticket.workflowId);
  const [version, requester, assignee] = await Promise.all([
    newest?.id === ticket.workflowVersionId ? newest : findVersionById(trx, ticket.workflowVersionId),
    findUserById(trx, ticket.requesterId),
    ticket.assigneeId ? findUserById(trx, ticket.assigneeId) : undefined,
  ]);
  if (!version || !requester) throw new Error(`ticket ${ticket.id} refers to a missing workflow version or requester`);
  return {
    ticket,
    workflow: { id: version.workflowId, version: version.version, definition: version.definition },
    requester,
    people: new Map(assignee ? [[assignee.id, toMember(assignee)]] : []),
    desk: snapshot.directory,
    templates: snapshot.templates,
    now: desk.now(),
  };
}

/** Checks the person may act as `as` on the ticket and says as whom; someone who cannot even see it gets 404. */
function authorise(user: User, ticket: Ticket, snapshot: DeskSnapshot, wanted: ActingAs): 'staff' | 'requester' {
  const queueGroup = (q: string) => snapshot.directory.queues.get(q)?.group;
  if (!canSeeTicket(user, ticket, queueGroup)) throw notFound(`Ticket ${ticket.id}`);
  const as = wanted !== 'either' ? wanted : ticket.requesterId === user.id && !worksOnTicket(user, ticket, queueGroup) ? 'requester' : 'staff';
  if (as === 'requester' && ticket.requesterId !== user.id) throw forbidden('Only the person who asked for this ticket can do that');
  if (as === 'staff' && !worksOnTicket(user, ticket, queueGroup)) {
    throw forbidden(`Only the group working the queue "${ticket.queue}" can change this ticket`);
  }
  return as;
}

export const staleVersion = (current: number) =>
  new DeskError(409, 'conflict', `Someone else changed this ticket first (it is now at version ${current}); reload it and try again`);

/**
 * Runs one action on one ticket in its own transaction (or the caller's, for
 * bulk changes). Returns the ticket as it now is.
 */
export async function act(desk: DeskContext, user: User, ticketId: number, as: ActingAs, options: ActOptions, decide: Decision): Promise<Ticket> {
  const result = await inTransaction(desk.db, async (trx) => {
    const ticket = await findTicket(trx, ticketId);
    if (!ticket) throw notFound(`Ticket ${ticketId}`);
    const snapshot = await deskSnapshot(desk, trx);
    const actingAs = authorise(user, ticket, snapshot, as);
    if (options.version !== undefined && options.version !== ticket.rowVersion) throw staleVersion(ticket.rowVersion);
    const c = await loadCase(desk, trx, ticket, snapshot);
    const outcome = await decide(c, { trx, snapshot, as: actingAs });
    if (!outcome.ok) throw new DeskError(outcome.status, outcome.status === 422 ? 'validation' : outcome.status === 403 ? 'forbidden' : 'conflict', outcome.message, outcome.problems);
    const written = await applyChange(trx, c, user.id, outcome);
    return { ticket: written, notified: outcome.notifications.some((n) => n.status === 'pending') };
  });
  if (result.notified) desk.onOutboxWritten?.();
  desk.onTicketChanged?.();
  return result.ticket;
}

/**
 * Writes an engine's change for a loaded case; 409 if the ticket moved on
 * meanwhile. A change to a ticket whose workflow escalates has the
 * escalation scheduler look at it again now, unless the caller says when.
 */
export async function applyChange(
  trx: DeskDb,
  c: TicketCase,
  actorId: string | null,
  decided: Extract<ActionResult, { ok: true }>,
  options: { escalationCheckAt?: string | null } = {},
): Promise<Ticket> {
  const outcome = withSlaClocks(c, decided);
  const at = c.now.toISOString();
  const ticket = c.ticket;
  if (!outcome.events.length) return ticket;
  const checkAt = 'escalationCheckAt' in options ? options.escalationCheckAt : c.workflow.definition.escalations.length ? at : undefined;
  if (!(await updateTicket(trx, ticket.id, ticket.rowVersion, outcome.patch, at, checkAt))) {
    throw staleVersion((await findTicket(trx, ticket.id))?.rowVersion ?? ticket.rowVersion + 1);
  }
  await insertEvents(trx, ticket.id, actorId, at, outcome.events);
  await insertOutbox(
    trx,
    ticket.id,
    at,
    outcome.notifications.map((n) => ({ ...n, recipient: n.recipient.email, ...(n.error ? { error: n.error } : {}) })),
  );
  await insertWebhooks(trx, ticket.id, at, outcome.webhooks ?? []);
  return (await findTicket(trx, ticket.id))!;
}
