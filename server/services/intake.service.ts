/** Requesters' side of workflows: the catalogue and submitting a form. */
import { inGroupedTransaction } from '../db/group-commit.ts';
import { invalid, notFound } from '../errors.ts';
import { isUniqueViolation } from '../db/dialect.ts';
import { insertOutbox } from '../db/outbox.repository.ts';
import { claimUploads } from '../db/attachments.repository.ts';
import { policyAllows } from '../engine/workflow/attachment-policy.ts';
import { allocateTicketId, findTicketByIdempotencyKey, insertEvents, insertTicket, type Ticket } from '../db/tickets.repository.ts';
import { latestVersions, type WorkflowVersion } from '../db/workflows.repository.ts';
import { openedTicket, submit } from '../engine/intake.ts';
import { assign } from '../engine/tickets/agent-actions.ts';
import { firstLookAt } from '../engine/tickets/escalations.ts';
import { policyCalendar } from '../engine/tickets/sla-clocks.ts';
import type { Actor } from '../engine/tickets/ticket-case.ts';
import { nextAssignee } from './assignment.service.ts';
import { applyChange, loadCase } from './ticket-work.service.ts';
import { beginApprovals } from '../approvals/approvals.service.ts';
import type { User } from '../engine/people/people.schema.ts';
import type { WorkflowDefinition } from '../engine/workflow/workflow.schema.ts';
import type { CatalogEntry } from '../engine/workflow/catalog.schema.ts';
import type { DeskContext } from './desk-context.ts';
import { deskSnapshot, type DeskSnapshot } from './desk-snapshot.ts';
import type { DeskDb } from '../db/database.ts';

/** Who the history names for assignments the queue makes by itself. */
const queueRobot: Actor = { id: 'deskwright', name: 'Deskwright', roles: ['admin'] };

const mayUse = (user: User, definition: WorkflowDefinition) => definition.audience.some((role) => user.roles.includes(role));

/** The published workflows this person may submit, each with its form. */
export async function catalog(desk: DeskContext, user: User): Promise<CatalogEntry[]> {
  const versions = await latestVersions(desk.db);
  return versions
    .filter((v) => mayUse(user, v.definition))
    .map((v) => ({
      id: v.workflowId,
      version: v.version,
      name: v.definition.name,
      description: v.definition.description ?? null,
      kind: v.definition.kind,
      form: v.definition.form,
    }));
}

/**
 * Submits a form: one transaction writes the ticket, its history and its
 * notifications, or nothing. A repeated `idempotencyKey` returns the ticket
 * the first submission made.
 */
export async function submitForm(
  desk: DeskContext,
  requester: User,
  workflowId: string,
  fields: unknown,
  idempotencyKey: string | null,
): Promise<{ ticket: Ticket; created: boolean }> {
  const result = await inGroupedTransaction(desk.db, async (trx) => {
    if (idempotencyKey) {
      const earlier = await findTicketByIdempotencyKey(trx, requester.id, idempotencyKey);
      if (earlier) return { ticket: earlier, created: false, notified: false, lookNow: false };
    }
    const snapshot = await deskSnapshot(desk, trx);
    const version = snapshot.published.get(workflowId);
    if (!version || !mayUse(requester, version.definition)) throw notFound(`The form "${workflowId}"`);
    const opened = await openTicket(desk, trx, snapshot, { requester, workflowId, version, fields, idempotencyKey });
    return { ...opened, created: true };
  }).catch(async (error: unknown) => {
    // Two requests with the same key raced: the loser's insert hit the unique index.
    if (idempotencyKey && isUniqueViolation(error)) {
      const earlier = await findTicketByIdempotencyKey(desk.db, requester.id, idempotencyKey);
      if (earlier) return { ticket: earlier, created: false, notified: false, lookNow: false };
    }
    throw error;
  });
  if (result.notified) desk.onOutboxWritten?.();
  // Usually the first look is at a later level; the scheduler's timer finds it (within a minute).
  if (result.lookNow) desk.onTicketChanged?.();
  return { ticket: result.ticket, created: result.created };
}

/** What `openTicket` is given: who asks, for which published version, with what. */
export interface OpenTicketInput {
  requester: User;
  workflowId: string;
  version: WorkflowVersion;
  fields: unknown;
  idempotencyKey: string | null;
}

/**
 * The ticket a submission opens, inside the caller's transaction: every way
 * in (a form, an alert) calls this after deciding who asks and which
 * workflow applies. Throws 422 with the engine's problems and writes nothing
 * of its own then (the caller's transaction or savepoint rolls back).
 */
export async function openTicket(
  desk: DeskContext,
  trx: DeskDb,
  snapshot: DeskSnapshot,
  { requester, workflowId, version, fields, idempotencyKey }: OpenTicketInput,
): Promise<{ ticket: Ticket; notified: boolean; lookNow: boolean }> {
  const ticketId = await allocateTicketId(trx);
  const now = desk.now();
  const outcome = submit({
    workflow: { id: workflowId, versionId: version.id, version: version.version, definition: version.definition },
    fields,
    requester,
    desk: snapshot.directory,
    templates: snapshot.templates,
    ticketId,
    now,
  });
  if (!outcome.ok) throw invalid('Some fields need attention', outcome.problems);
  const at = now.toISOString();
  const t = outcome.ticket;
  let ticket: Ticket = openedTicket(outcome.ticket, ticketId);
  const policy = snapshot.directory.slaPolicies.get(ticket.slaPolicy);
  const calendar = policy ? policyCalendar({ desk: snapshot.directory }, policy) : null;
  const escalationCheckAt = firstLookAt(version.definition.escalations, ticket, policy, calendar);
  await insertTicket(trx, { ...ticket, idempotencyKey, escalationCheckAt });
  let lookNow = escalationCheckAt !== null && escalationCheckAt <= at;
  // Files uploaded for the form become the ticket's; only the requester's own, unused uploads.
  const problems = [];
  for (const field of version.definition.form.fields.filter((f) => f.type === 'file')) {
    const value = t.fields[field.key];
    const ids = Array.isArray(value) ? (value as number[]) : [];
    const { claimed, foreign } = await claimUploads(trx, ids, requester.id, ticketId);
    if (foreign.length) problems.push({ path: `fields.${field.key}`, message: `${foreign.join(', ')} ${foreign.length === 1 ? 'is not an upload' : 'are not uploads'} of yours waiting for a form` });
    // An upload made for a looser form does not get round this one's limits.
    const policy = version.definition.attachments;
    for (const upload of claimed) {
      if (!policyAllows(policy, upload.contentType) || upload.size > policy.maxBytes) {
        problems.push({ path: `fields.${field.key}`, message: `"${upload.filename}" (${upload.contentType}) is not a file this form accepts` });
      }
    }
  }
  if (problems.length) throw invalid('Some fields need attention', problems);
  await insertEvents(trx, ticketId, requester.id, at, outcome.events);
  await insertOutbox(
    trx,
    ticketId,
    at,
    outcome.notifications.map((n) => ({ ...n, recipient: n.recipient.email, ...(n.error ? { error: n.error } : {}) })),
  );
  let notified = outcome.notifications.some((n) => n.status === 'pending');
  // A request that needs approval waits for its approvers; the queue hands it out once approved.
  const approval = await beginApprovals(desk, trx, snapshot, ticket);
  if (approval) return { ticket: approval.ticket, notified: notified || approval.notified, lookNow: lookNow || version.definition.escalations.length > 0 };
  // A queue that hands out its tickets gives this one to the member whose turn it is.
  const assignee = await nextAssignee(trx, snapshot.directory, ticket.queue, now);
  if (assignee) {
    const c = await loadCase(desk, trx, ticket, snapshot);
    const assigned = assign(c, queueRobot, { agentId: assignee }, { automatic: true });
    if (assigned.ok) {
      ticket = await applyChange(trx, c, null, assigned);
      notified ||= assigned.notifications.some((n) => n.status === 'pending');
      lookNow ||= version.definition.escalations.length > 0;
    }
  }
  return { ticket, notified, lookNow };
}
