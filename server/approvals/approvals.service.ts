/**
 * Approvals as use cases: a ticket reaching its workflow's approval steps,
 * an approver deciding (signed in, or by the one-click link in their mail),
 * and the timeouts the escalation scheduler runs. Each runs in the caller's
 * or its own transaction, through `applyChange` like every ticket change.
 */
import { DeskError, forbidden, notFound } from '../errors.ts';
import { inTransaction } from '../db/transaction.ts';
import type { DeskDb } from '../db/database.ts';
import { findTicket, type Ticket } from '../db/tickets.repository.ts';
import { findUserById, findUsersByIds } from '../db/users.repository.ts';
import { approverRef, checkAfter, firstCheck, nextStep, tally, type TimeoutCheck } from '../engine/approvals/approval-steps.ts';
import { renderFor, type NotificationDraft, type Person } from '../engine/notifications.ts';
import type { User } from '../engine/people/people.schema.ts';
import { assign } from '../engine/tickets/agent-actions.ts';
import { firstStateOfClass, lifecycleOf } from '../engine/tickets/lifecycle.ts';
import { notificationEvent, templateContext, type EventDraft } from '../engine/tickets/notify.ts';
import { policyCalendar } from '../engine/tickets/sla-clocks.ts';
import { notifySubject, ruleData, type Actor, type TicketCase, type TicketPatch } from '../engine/tickets/ticket-case.ts';
import type { ApprovalStep } from '../engine/workflow/approvals.schema.ts';
import type { TemplateContext } from '../engine/template.schema.ts';
import { nextAssignee } from '../services/assignment.service.ts';
import type { DeskContext } from '../services/desk-context.ts';
import { deskSnapshot, type DeskSnapshot } from '../services/desk-snapshot.ts';
import { applyChange, loadCase } from '../services/ticket-work.service.ts';
import { linkLifetimeDays, linkSignatureHolds, parseLink, signLink } from './approval-links.ts';
import {
  activeGroupMemberIds,
  activeUserIdsByEmail,
  decideVote,
  dueSteps,
  findStep,
  findVote,
  insertStep,
  insertVotes,
  linkSecret,
  managerIdOf,
  scheduleStep,
  settleStep,
  votesOfStep,
  waitingVotes,
  type StepRow,
  type VoteRow,
} from './approvals.repository.ts';
import type { ApprovalRequest, Decision } from './approvals.schema.ts';

/** Who the history names for what the desk does by itself. */
const deskRobot: Actor = { id: 'deskwright', name: 'Deskwright', roles: ['admin'] };

type Outcome = { ticket: Ticket; notified: boolean };

const personOf = (u: User): Person => ({ name: u.name, email: u.email, locale: u.locale, timeZone: u.timeZone });

/** The people a step asks: never the requester themself; the queue's manager when nobody else can be found. */
async function approversFor(trx: DeskDb, c: TicketCase, step: ApprovalStep): Promise<string[]> {
  const ref = approverRef(step, ruleData(c.ticket, c.requester));
  let ids: string[];
  if ('group' in ref) ids = await activeGroupMemberIds(trx, ref.group);
  else if ('emails' in ref) ids = await activeUserIdsByEmail(trx, ref.emails);
  else {
    const manager = await managerIdOf(trx, c.requester.id);
    ids = manager ? [manager] : [];
  }
  ids = [...new Set(ids)].filter((id) => id !== c.requester.id);
  if (ids.length) return ids;
  const queueManager = c.desk.queues.get(c.ticket.queue)?.manager;
  return (await activeUserIdsByEmail(trx, queueManager ? [queueManager] : [])).filter((id) => id !== c.requester.id);
}

function approvalMails(desk: DeskContext, c: TicketCase, patch: TicketPatch, template: string, people: readonly User[], details: (u: User) => NonNullable<TemplateContext['approval']>): NotificationDraft[] {
  const subject = notifySubject(c, patch);
  if (!subject) return [];
  return people.map((u) => renderFor(c.templates, template, personOf(u), templateContext(subject, { approval: details(u) })));
}

async function linksFor(trx: DeskDb, c: TicketCase, step: StepRow, votes: readonly VoteRow[]): Promise<Map<string, string>> {
  const secret = await linkSecret(trx);
  const base = c.desk.url.replace(/\/$/, '');
  return new Map(
    votes.map((v) => [v.approverId, `${base}/approve/${signLink(secret, { voteId: v.id, ticketId: c.ticket.id, stepId: step.stepId, expiresAt: new Date(v.linkExpiresAt) })}`]),
  );
}

const linkExpiry = (now: Date) => new Date(Math.floor(now.getTime() / 1000) * 1000 + linkLifetimeDays * 86_400_000).toISOString();

/** Asks a step's approvers: the step and votes are stored, the ticket waits, each approver gets their own link. */
async function openStep(desk: DeskContext, trx: DeskDb, c: TicketCase, index: number, step: ApprovalStep): Promise<Outcome> {
  const at = c.now.toISOString();
  const policy = c.desk.slaPolicies.get(c.ticket.slaPolicy);
  const check = firstCheck(step.timeout, c.now, policy ? policyCalendar(c, policy) : null);
  const row = await insertStep(trx, { ticketId: c.ticket.id, stepIndex: index, stepId: step.id, need: step.need, at, nextCheckAt: check?.at.toISOString() ?? null });
  const ids = await approversFor(trx, c, step);
  const votes = await insertVotes(trx, row.id, c.ticket.id, ids, at, linkExpiry(c.now));
  const people = await findUsersByIds(trx, ids);
  const links = await linksFor(trx, c, row, votes);
  const waiting = firstStateOfClass(lifecycleOf(c.workflow.definition), 'pending-approval');
  const patch: TicketPatch = c.ticket.statusClass === 'pending-approval' ? {} : { status: waiting.id, statusClass: waiting.class };
  const notifications = approvalMails(desk, c, patch, 'approval-request', people, (u) => ({ step: step.id, link: links.get(u.id)!, decision: null, decidedBy: null, comment: null }));
  const events: EventDraft[] = [];
  if (patch.status) events.push({ type: 'status.changed', data: { from: c.ticket.status, to: waiting.id, fromClass: c.ticket.statusClass, toClass: waiting.class } });
  events.push({ type: 'approval.requested', data: { step: step.id, need: step.need, approvers: people.map((p) => p.name) } }, ...notifications.map(notificationEvent));
  const ticket = await applyChange(trx, c, null, { ok: true, patch, events, notifications });
  return { ticket, notified: notifications.some((n) => n.status === 'pending') };
}

/**
 * Moves a ticket on from approval step `from`: asks the next step whose
 * condition holds, or, when none is left, lets the workflow carry on (back
 * to its first state, then the queue's assignment). Null when the ticket
 * never needed approval.
 */
async function advance(desk: DeskContext, trx: DeskDb, snapshot: DeskSnapshot, c: TicketCase, from: number): Promise<Outcome | null> {
  const next = nextStep(c.workflow.definition.approvals, from, ruleData(c.ticket, c.requester));
  if (next) return openStep(desk, trx, c, next.index, next.step);
  if (c.ticket.statusClass !== 'pending-approval') return null;
  const start = firstStateOfClass(lifecycleOf(c.workflow.definition), 'new');
  let ticket = await applyChange(trx, c, null, {
    ok: true,
    patch: { status: start.id, statusClass: start.class },
    events: [
      { type: 'status.changed', data: { from: c.ticket.status, to: start.id, fromClass: c.ticket.statusClass, toClass: start.class } },
      { type: 'approval.completed', data: {} },
    ],
    notifications: [],
  });
  let notified = false;
  const assignee = await nextAssignee(trx, snapshot.directory, ticket.queue, c.now);
  if (assignee) {
    const after = await loadCase(desk, trx, ticket, snapshot);
    const assigned = assign(after, deskRobot, { agentId: assignee }, { automatic: true });
    if (assigned.ok) {
      ticket = await applyChange(trx, after, null, assigned);
      notified = assigned.notifications.some((n) => n.status === 'pending');
    }
  }
  return { ticket, notified };
}

/** At intake: a ticket whose workflow asks for approval waits for its first step instead of going to work. */
export async function beginApprovals(desk: DeskContext, trx: DeskDb, snapshot: DeskSnapshot, ticket: Ticket): Promise<Outcome | null> {
  const c = await loadCase(desk, trx, ticket, snapshot);
  if (!c.workflow.definition.approvals.length) return null;
  return advance(desk, trx, snapshot, c, 0);
}

/** Refuses the request: the ticket closes and the requester is told why. */
async function reject(desk: DeskContext, trx: DeskDb, c: TicketCase, step: StepRow, by: string, comment: string | null): Promise<Outcome> {
  const closed = firstStateOfClass(lifecycleOf(c.workflow.definition), 'closed');
  const patch: TicketPatch = { status: closed.id, statusClass: closed.class, closedAt: c.now.toISOString() };
  const requester = await findUserById(trx, c.requester.id);
  const notifications = requester ? approvalMails(desk, c, patch, 'approval-rejected', [requester], () => ({ step: step.stepId, link: '', decision: 'rejected', decidedBy: by, comment })) : [];
  const ticket = await applyChange(trx, c, null, {
    ok: true,
    patch,
    events: [
      { type: 'status.changed', data: { from: c.ticket.status, to: closed.id, fromClass: c.ticket.statusClass, toClass: closed.class } },
      { type: 'approval.rejected', data: { step: step.stepId, by, comment } },
      ...notifications.map(notificationEvent),
    ],
    notifications,
  });
  return { ticket, notified: notifications.some((n) => n.status === 'pending') };
}

async function record(desk: DeskContext, vote: VoteRow, decision: Decision, via: 'link' | 'desk'): Promise<Outcome> {
  const outcome = await inTransaction(desk.db, async (trx) => {
    const step = await findStep(trx, vote.stepRowId);
    const ticket = await findTicket(trx, vote.ticketId);
    if (!step || !ticket) throw notFound('The approval');
    if (ticket.requesterId === vote.approverId) throw forbidden('You cannot approve your own request');
    if (step.status !== 'open') throw new DeskError(409, 'already-decided', `The step "${step.stepId}" has already been decided`);
    const at = desk.now().toISOString();
    const comment = decision.comment?.trim() || null;
    const verdict = decision.decision === 'approve' ? 'approved' : 'rejected';
    if (!(await decideVote(trx, vote.id, { decision: verdict, comment, at, via }))) throw new DeskError(409, 'already-decided', 'This approval has already been given');
    const approver = await findUserById(trx, vote.approverId);
    const by = approver?.name ?? vote.approverId;
    const snapshot = await deskSnapshot(desk, trx);
    let c = await loadCase(desk, trx, ticket, snapshot);
    let written = await applyChange(trx, c, vote.approverId, {
      ok: true,
      patch: {},
      events: [{ type: 'approval.decided', data: { step: step.stepId, by, decision: verdict, comment, via } }],
      notifications: [],
    });
    const settled = tally(step.need, await votesOfStep(trx, step.id));
    if (settled === 'open' || !(await settleStep(trx, step.id, settled, at))) return { ticket: written, notified: false };
    c = await loadCase(desk, trx, written, snapshot);
    if (settled === 'rejected') return reject(desk, trx, c, step, by, comment);
    const moved = await advance(desk, trx, snapshot, c, step.stepIndex + 1);
    return moved ?? { ticket: written, notified: false };
  });
  if (outcome.notified) desk.onOutboxWritten?.();
  desk.onTicketChanged?.();
  return outcome;
}

/** A signed-in approver decides one of their waiting approvals. */
export async function decideAsUser(desk: DeskContext, user: User, voteId: number, decision: Decision): Promise<Outcome> {
  const vote = await findVote(desk.db, voteId);
  if (!vote || vote.approverId !== user.id) throw notFound(`Approval ${voteId}`);
  return record(desk, vote, decision, 'desk');
}

const badLink = () => new DeskError(403, 'bad-link', 'This approval link is not valid');

/** The vote a mail link names, once its signature and expiry hold. */
async function voteOfLink(desk: DeskContext, token: string): Promise<VoteRow> {
  const parsed = parseLink(token);
  if (!parsed) throw badLink();
  const vote = await findVote(desk.db, parsed.voteId);
  const step = vote && (await findStep(desk.db, vote.stepRowId));
  if (!vote || !step) throw badLink();
  const secret = await linkSecret(desk.db);
  if (!linkSignatureHolds(secret, { voteId: vote.id, ticketId: vote.ticketId, stepId: step.stepId, expiresAt: parsed.expiresAt }, parsed.mac)) throw badLink();
  if (parsed.expiresAt.getTime() <= desk.now().getTime()) throw new DeskError(403, 'link-expired', 'This approval link has expired; ask for a new one or decide in the desk');
  return vote;
}

/** What an approver is asked to decide: shown before they confirm, so a click alone decides nothing. */
async function describe(desk: DeskContext, vote: VoteRow, stepId: string): Promise<ApprovalRequest> {
  const ticket = await findTicket(desk.db, vote.ticketId);
  if (!ticket) throw notFound('The approval');
  const snapshot = await deskSnapshot(desk, desk.db);
  const c = await loadCase(desk, desk.db, ticket, snapshot);
  const step = await findStep(desk.db, vote.stepRowId);
  const labels = new Map(c.workflow.definition.form.fields.map((f) => [f.key, f.label?.en ?? f.key]));
  return {
    id: vote.id,
    step: stepId,
    status: vote.decision ?? (step?.status === 'open' ? 'waiting' : 'closed'),
    ticket: { id: ticket.id, number: ticket.number, title: ticket.title, workflow: c.workflow.definition.name.en, requester: c.requester.name, createdAt: ticket.createdAt },
    answers: Object.entries(ticket.fields)
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([key, value]) => ({ key, label: labels.get(key) ?? key, value: Array.isArray(value) ? value.join(', ') : String(value) })),
  };
}

export async function approvalByLink(desk: DeskContext, token: string): Promise<ApprovalRequest> {
  const vote = await voteOfLink(desk, token);
  const step = await findStep(desk.db, vote.stepRowId);
  return describe(desk, vote, step!.stepId);
}

export async function decideByLink(desk: DeskContext, token: string, decision: Decision): Promise<Outcome> {
  return record(desk, await voteOfLink(desk, token), decision, 'link');
}

/** "Awaiting my approval": the caller's votes on steps still open. */
export async function awaitingMe(desk: DeskContext, user: User): Promise<ApprovalRequest[]> {
  const votes = await waitingVotes(desk.db, user.id);
  return Promise.all(votes.map((v) => describe(desk, v, v.stepId)));
}

/** One look at a step whose reminder or timeout is due. */
async function lookAtStep(desk: DeskContext, trx: DeskDb, row: StepRow): Promise<Outcome | null> {
  const step = await findStep(trx, row.id);
  const ticket = await findTicket(trx, row.ticketId);
  if (!step || step.status !== 'open' || !step.nextCheckAt || !ticket) return null;
  const snapshot = await deskSnapshot(desk, trx);
  const c = await loadCase(desk, trx, ticket, snapshot);
  const definition = c.workflow.definition.approvals[step.stepIndex];
  const timeout = definition?.timeout;
  if (!definition || !timeout) {
    await scheduleStep(trx, step.id, { nextCheckAt: null, reminders: step.reminders, timedOutAt: step.timedOutAt });
    return null;
  }
  const policy = c.desk.slaPolicies.get(ticket.slaPolicy);
  const cal = policy ? policyCalendar(c, policy) : null;
  const started = new Date(step.startedAt);
  const timeoutAt = firstCheck({ ...timeout, remindEveryHours: undefined }, started, cal)!.at;
  const due: TimeoutCheck = { kind: !step.timedOutAt && Date.parse(step.nextCheckAt) >= timeoutAt.getTime() ? 'timeout' : 'remind', at: new Date(step.nextCheckAt) };
  const timedOut = step.timedOutAt !== null || due.kind === 'timeout';
  const next = checkAfter(timeout, started, due, timedOut, cal);
  const at = c.now.toISOString();
  await scheduleStep(trx, step.id, { nextCheckAt: next?.at.toISOString() ?? null, reminders: step.reminders + (due.kind === 'remind' ? 1 : 0), timedOutAt: step.timedOutAt ?? (due.kind === 'timeout' ? at : null) });

  if (due.kind === 'timeout' && timeout.then === 'reject') {
    if (!(await settleStep(trx, step.id, 'rejected', at))) return null;
    return reject(desk, trx, c, step, deskRobot.name, `Nobody answered within ${timeout.businessHours} business hours`);
  }
  if (due.kind === 'timeout' && timeout.then === 'escalate') {
    const managerEmail = c.desk.queues.get(ticket.queue)?.manager;
    const ids = (await activeUserIdsByEmail(trx, managerEmail ? [managerEmail] : [])).filter((id) => id !== ticket.requesterId);
    const votes = await insertVotes(trx, step.id, ticket.id, ids, at, linkExpiry(c.now));
    const people = await findUsersByIds(trx, votes.map((v) => v.approverId));
    const links = await linksFor(trx, c, step, votes);
    const notifications = approvalMails(desk, c, {}, 'approval-request', people, (u) => ({ step: step.stepId, link: links.get(u.id)!, decision: null, decidedBy: null, comment: null }));
    const written = await applyChange(trx, c, null, {
      ok: true,
      patch: {},
      events: [{ type: 'approval.escalated', data: { step: step.stepId, to: people.map((p) => p.name) } }, ...notifications.map(notificationEvent)],
      notifications,
    });
    return { ticket: written, notified: notifications.some((n) => n.status === 'pending') };
  }
  // A reminder (or a timeout that only reminds): those who have not answered get their link again.
  const waiting = (await votesOfStep(trx, step.id)).filter((v) => v.decision === null);
  const people = await findUsersByIds(trx, waiting.map((v) => v.approverId));
  const links = await linksFor(trx, c, step, waiting);
  const notifications = approvalMails(desk, c, {}, 'approval-reminder', people, (u) => ({ step: step.stepId, link: links.get(u.id)!, decision: null, decidedBy: null, comment: null }));
  const written = await applyChange(trx, c, null, {
    ok: true,
    patch: {},
    events: [{ type: 'approval.reminded', data: { step: step.stepId, to: people.map((p) => p.name) } }, ...notifications.map(notificationEvent)],
    notifications,
  });
  return { ticket: written, notified: notifications.some((n) => n.status === 'pending') };
}

/** The scheduler's approval pass: every due reminder and timeout, each step in its own transaction. */
export async function runApprovalTimeouts(desk: DeskContext, batch = 100): Promise<number> {
  let looked = 0;
  let notified = false;
  for (let round = 0; round < 20; round++) {
    const due = await dueSteps(desk.db, desk.now().toISOString(), batch);
    if (!due.length) break;
    for (const row of due) {
      const outcome = await inTransaction(desk.db, (trx) => lookAtStep(desk, trx, row)).catch((error: unknown) => {
        if (error instanceof DeskError && error.status === 409) return null;
        throw error;
      });
      looked++;
      notified ||= !!outcome?.notified;
    }
  }
  if (notified) desk.onOutboxWritten?.();
  return looked;
}
