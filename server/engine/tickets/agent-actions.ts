/**
 * What support staff do to a ticket: move it through its lifecycle, reply or
 * note, assign, escalate, and change what it is about. The service has
 * already checked that the person works the ticket's queue; these decide
 * whether the change itself makes sense and what it means.
 */
import { categorise } from '../categorise.ts';
import { checkFieldValue } from '../form.ts';
import { computePriority } from '../priority.ts';
import type { Problem } from '../problems.ts';
import { inspectRule, nullPrototypeCopy } from '../rules.ts';
import type { Priority } from '../workflow/workflow.schema.ts';
import type { StateClass } from '../workflow/lifecycle.schema.ts';
import { checkTransition, firstStateOfClass, lifecycleOf, stateOf, type TransitionInput } from './lifecycle.ts';
import type { EventDraft } from './notify.ts';
import { clockRuns, dueTimes } from './sla-clocks.ts';
import { change, findPerson, messagesFor, refuse, ruleData, type ActionResult, type Actor, type TicketCase, type TicketPatch } from './ticket-case.ts';
import { groupTiers } from '../desk/desk.schema.ts';

const isDone = (c: StateClass) => c === 'resolved' || c === 'closed';

/** Takes a transition of the workflow's lifecycle. */
export function transition(c: TicketCase, actor: Actor, input: TransitionInput & { to: string; internal?: boolean }): ActionResult {
  const t = c.ticket;
  const definition = c.workflow.definition;
  // A field the ticket already has counts as filled; an internal note never counts as telling the requester.
  const asksRequester = stateOf(lifecycleOf(definition), input.to)?.class === 'pending';
  const visible = { ...input, fields: { ...t.fields, ...input.fields }, ...(input.internal && asksRequester ? { comment: '' } : {}) };
  const check = checkTransition(lifecycleOf(definition), t.status, input.to, actor, visible, ruleData(t, c.requester));
  if (!check.ok) {
    const internalOnly = input.internal && check.problems?.some((p) => p.path === 'comment');
    return internalOnly ? refuse(422, 'This change needs a reply the requester can see', [{ path: 'internal', message: 'must be false: the comment is required as a public reply' }]) : refuse(check.status, check.message, check.problems);
  }
  const to = check.to;
  const patch: TicketPatch = { status: to.id, statusClass: to.class };
  const problems: Problem[] = [];

  if (input.fields) {
    const merged = mergeFields(c, input.fields, problems);
    if (merged) patch.fields = merged;
  }
  if (to.class === 'resolved') {
    const code = input.resolution?.code ?? '';
    if (!definition.resolution.codes.some((k) => k.value === code)) {
      problems.push({ path: 'resolution.code', message: `use one of ${definition.resolution.codes.map((k) => `"${k.value}"`).join(', ')}` });
    }
    patch.resolution = { code, notes: input.resolution?.notes?.trim() ?? '', resolvedAt: c.now.toISOString() };
  }
  if (problems.length) return refuse(422, 'Some fields need attention', problems);
  if (to.class === 'closed') patch.closedAt = c.now.toISOString();
  if (isDone(t.statusClass) && !isDone(to.class)) {
    patch.resolution = null;
    patch.closedAt = null;
  }

  const events: EventDraft[] = [{ type: 'status.changed', data: { from: t.status, to: to.id, fromClass: t.statusClass, toClass: to.class } }];
  const fieldChanges = patch.fields ? changedFields(t.fields, patch.fields) : {};
  if (Object.keys(fieldChanges).length) events.push({ type: 'ticket.updated', data: { changes: { fields: fieldChanges } } });
  const messages = [];
  if (input.comment?.trim()) {
    const reply = commentOn(c, actor, { body: input.comment, internal: input.internal ?? false }, patch);
    events.push(...reply.events);
    messages.push(...reply.messages);
  }
  if (to.class === 'resolved' && patch.resolution) {
    events.push({ type: 'ticket.resolved', data: { code: patch.resolution.code, notes: patch.resolution.notes } });
    messages.push(messagesFor(c, 'ticket.resolved', patch, { resolution: { code: patch.resolution.code, notes: patch.resolution.notes } }));
  }
  if (to.class === 'closed') {
    events.push({ type: 'ticket.closed', data: { by: 'agent' } });
    messages.push(messagesFor(c, 'ticket.closed', patch));
  }
  if (isDone(t.statusClass) && !isDone(to.class)) {
    // The reason is the public reply when there is one; an internal note stays internal.
    const reason = input.internal ? '' : input.comment?.trim() ?? '';
    events.push({ type: 'ticket.reopened', data: { by: 'agent', reason } });
  }
  return change(patch, events, messages);
}

/** The history entry and messages of a reply or note; a staff reply is the first response if none came before. */
function commentOn(c: TicketCase, actor: Actor, input: { body: string; internal: boolean }, patch: TicketPatch) {
  const body = input.body.trim();
  if (input.internal) return { events: [{ type: 'note.internal', data: { body } }], messages: [] };
  if (c.ticket.firstResponseAt === null) patch.firstResponseAt = c.now.toISOString();
  return {
    events: [{ type: 'reply.public', data: { body } }],
    messages: [messagesFor(c, 'reply.public', patch, { comment: { body, author: actor.name } })],
  };
}

/** A public reply to the requester, or an internal note only staff ever see. */
export function staffComment(c: TicketCase, actor: Actor, input: { body: string; internal: boolean }): ActionResult {
  if (c.ticket.statusClass === 'closed' && !input.internal) {
    return refuse(409, 'The ticket is closed: the requester is no longer waiting for replies. Add an internal note, or link a new ticket.');
  }
  const patch: TicketPatch = {};
  const reply = commentOn(c, actor, input, patch);
  return change(patch, reply.events, reply.messages);
}

const tierRank = (tier: string | undefined) => groupTiers.indexOf((tier ?? 'first-line') as (typeof groupTiers)[number]);

/**
 * Gives the ticket to an agent, a queue, or both. Moving it up a tier is an
 * escalation, which needs a reason, so it is refused here unless a manager
 * does it. `autoAssignee` is the queue's own pick when only the queue changes;
 * an `automatic` assignment (the queue's round-robin) leaves a new ticket new.
 */
export function assign(
  c: TicketCase,
  actor: Actor,
  input: { agentId?: string; queue?: string },
  options: { autoAssignee?: string | null; automatic?: boolean } = {},
): ActionResult {
  const autoAssignee = options.autoAssignee ?? null;
  const t = c.ticket;
  const queueId = input.queue ?? t.queue;
  const queue = c.desk.queues.get(queueId);
  if (!queue) return refuse(422, 'That queue does not exist', [{ path: 'queue', message: `there is no queue "${queueId}"` }]);
  const queueChanged = queueId !== t.queue;
  if (queueChanged) {
    const from = c.desk.queues.get(t.queue);
    const up = tierRank(c.desk.groups?.get(queue.group)?.tier) > tierRank(from && c.desk.groups?.get(from.group)?.tier);
    if (up && !actor.roles.some((r) => r === 'manager' || r === 'admin')) {
      return refuse(409, `Moving the ticket to "${queueId}" is an escalation to a higher support tier: escalate it with a reason instead`);
    }
  }
  if (input.agentId !== undefined && !queue.members.some((m) => m.id === input.agentId)) {
    const who = findPerson(c, input.agentId)?.name ?? input.agentId;
    return refuse(422, 'That person cannot take the ticket', [{ path: 'agentId', message: `${who} is not in the group that works the queue "${queueId}"` }]);
  }
  const assigneeId = input.agentId ?? (queueChanged ? autoAssignee : t.assigneeId);
  if (!queueChanged && assigneeId === t.assigneeId) return refuse(409, 'The ticket is already assigned that way');

  const patch: TicketPatch = { assigneeId };
  if (queueChanged) Object.assign(patch, moveQueue(c, queueId));
  const events: EventDraft[] = [
    {
      type: 'ticket.assigned',
      data: { from: { queue: t.queue, assignee: t.assigneeId }, to: { queue: queueId, assignee: assigneeId }, ...(options.automatic ? { automatic: true } : {}) },
    },
  ];
  if (assigneeId !== null && t.statusClass === 'new' && !options.automatic) {
    const open = firstStateOfClass(lifecycleOf(c.workflow.definition), 'open');
    Object.assign(patch, { status: open.id, statusClass: open.class });
    events.push({ type: 'status.changed', data: { from: t.status, to: open.id, fromClass: t.statusClass, toClass: open.class } });
  }
  return change(patch, events, assigneeId !== null && assigneeId !== t.assigneeId ? [messagesFor(c, 'ticket.assigned', patch)] : []);
}

/** The patch of a queue change: the old queue's group keeps following the ticket. */
export function moveQueue(c: TicketCase, queueId: string): TicketPatch {
  const oldGroup = c.desk.queues.get(c.ticket.queue)?.group;
  const held = new Set(c.ticket.heldByGroups);
  if (oldGroup) held.add(oldGroup);
  return { queue: queueId, heldByGroups: [...held] };
}

/**
 * Functional escalation hands the ticket to a second-line queue the workflow
 * allows; hierarchical escalation flags it to its queue's manager. Both need
 * a reason, and first line keeps seeing what happens next.
 */
export function escalate(
  c: TicketCase,
  actor: Actor,
  input: { kind: 'functional' | 'hierarchical'; queue?: string; reason: string },
  autoAssignee: string | null = null,
): ActionResult {
  const t = c.ticket;
  const reason = input.reason.trim();
  if (!reason) return refuse(422, 'Say why the ticket needs escalating', [{ path: 'reason', message: 'is required' }]);
  if (isDone(t.statusClass)) return refuse(409, `The ticket is ${t.status}: reopen it before escalating`);
  const fromQueue = c.desk.queues.get(t.queue);
  const fromName = fromQueue?.name.en ?? t.queue;

  if (input.kind === 'hierarchical') {
    if (!fromQueue?.manager) return refuse(409, `The queue "${t.queue}" has no manager to escalate to; an admin can set one`);
    const patch: TicketPatch = { managerFlaggedAt: c.now.toISOString() };
    const details = { escalation: { kind: 'hierarchical' as const, reason, fromQueue: fromName, toQueue: fromName } };
    return change(patch, [{ type: 'ticket.escalated', data: { kind: 'hierarchical', queue: t.queue, manager: fromQueue.manager, reason } }], [
      messagesFor(c, 'escalation.hierarchical', patch, details),
    ]);
  }

  const allowed = c.workflow.definition.escalateTo;
  if (!input.queue) return refuse(422, 'Choose the queue to escalate to', [{ path: 'queue', message: allowed.length ? `use one of ${allowed.map((q) => `"${q}"`).join(', ')}` : 'is required' }]);
  if (input.queue === t.queue) return refuse(409, `The ticket is already in the queue "${t.queue}"`);
  if (!allowed.includes(input.queue)) {
    const hint = allowed.length ? `this workflow escalates to ${allowed.map((q) => `"${q}"`).join(', ')}` : 'this workflow allows no functional escalation';
    return refuse(422, 'The ticket cannot be escalated there', [{ path: 'queue', message: hint }]);
  }
  const target = c.desk.queues.get(input.queue);
  if (!target) return refuse(422, 'That queue does not exist', [{ path: 'queue', message: `there is no queue "${input.queue}"` }]);
  const patch: TicketPatch = { ...moveQueue(c, target.id), assigneeId: autoAssignee };
  const details = { escalation: { kind: 'functional' as const, reason, fromQueue: fromName, toQueue: target.name.en } };
  return change(patch, [{ type: 'ticket.escalated', data: { kind: 'functional', from: t.queue, to: target.id, reason, assignee: autoAssignee } }], [
    messagesFor(c, 'escalation.functional', patch, details),
    ...(autoAssignee ? [messagesFor(c, 'ticket.assigned', patch)] : []),
  ]);
}

/** Each field whose value differs, before and after. */
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>) {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of keys) if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) out[k] = { from: before[k] ?? null, to: after[k] ?? null };
  return out;
}

function mergeFields(c: TicketCase, given: Record<string, unknown>, problems: Problem[]): Record<string, unknown> | null {
  const form = new Map(c.workflow.definition.form.fields.map((f) => [f.key, f]));
  const merged = { ...c.ticket.fields };
  for (const [key, value] of Object.entries(given)) {
    const field = form.get(key);
    if (!field) {
      problems.push({ path: `fields.${key}`, message: 'is not a field of this form' });
      continue;
    }
    const problem = value === null ? (field.required ? 'is required' : undefined) : checkFieldValue(field, value);
    if (problem) problems.push({ path: `fields.${key}`, message: problem });
    else if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return problems.length ? null : merged;
}

/**
 * Changes what the ticket is about. New field, impact or urgency values
 * re-run the workflow's priority matrix and categorise rules (a value set
 * explicitly wins); a new priority moves the SLA due times, counted from
 * when the ticket was logged so the time already spent still counts.
 */
export function updateTicket(
  c: TicketCase,
  input: { priority?: Priority; impact?: string; urgency?: string; category?: string; fields?: Record<string, unknown> },
): ActionResult {
  const t = c.ticket;
  const definition = c.workflow.definition;
  const problems: Problem[] = [];
  const { impactField, urgencyField } = definition.priority;
  // Impact and urgency are form fields too: one value, checked against the form's options, kept in both places.
  const given = { ...input.fields };
  if (input.impact !== undefined) given[impactField] = input.impact;
  if (input.urgency !== undefined) given[urgencyField] = input.urgency;
  const touched = Object.keys(given).length > 0;
  const form = new Set(definition.form.fields.map((f) => f.key));
  for (const [key, name] of [[impactField, 'impact'], [urgencyField, 'urgency']] as const) {
    if (input[name] !== undefined && !form.has(key)) delete given[key];
  }
  const fields = touched ? mergeFields(c, given, problems) : t.fields;
  if (!fields) return refuse(422, 'Some fields need attention', problems.map((p) => (p.path === `fields.${impactField}` && input.impact !== undefined ? { ...p, path: 'impact' } : p.path === `fields.${urgencyField}` && input.urgency !== undefined ? { ...p, path: 'urgency' } : p)));

  const impact = input.impact ?? (typeof fields[impactField] === 'string' ? (fields[impactField] as string) : t.impact);
  const urgency = input.urgency ?? (typeof fields[urgencyField] === 'string' ? (fields[urgencyField] as string) : t.urgency);
  // Only a change to something the matrix or the categorise rules read re-runs them: fixing a typo keeps a hand-set priority.
  const read = new Set([impactField, urgencyField, ...definition.categorise.flatMap((r) => inspectRule(r.when).vars.map((v) => v.name))]);
  const rerun = Object.keys(changedFields(t.fields, fields)).some((k) => read.has(`fields.${k}`) || k === impactField || k === urgencyField) || impact !== t.impact || urgency !== t.urgency;
  let priority = (input.priority ?? t.priority) as Priority;
  let category = input.category ?? t.category;
  const matched: number[] = [];
  if (rerun) {
    const values = { ...fields, ...(impact !== null ? { [impactField]: impact } : {}), ...(urgency !== null ? { [urgencyField]: urgency } : {}) };
    const matrix = computePriority(definition.priority, values);
    const routing = categorise(definition.categorise, nullPrototypeCopy(ruleData({ ...t, fields: values, impact, urgency, priority: matrix }, c.requester)));
    matched.push(...routing.matched);
    priority = input.priority ?? routing.priority ?? matrix;
    category = input.category ?? routing.category ?? t.category;
  }

  const patch: TicketPatch = {};
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const note = <K extends keyof TicketPatch>(key: K, from: TicketPatch[K], to: TicketPatch[K]) => {
    if (JSON.stringify(from) === JSON.stringify(to)) return;
    patch[key] = to;
    changes[key] = { from, to };
  };
  note('fields', t.fields, fields);
  note('impact', t.impact, impact);
  note('urgency', t.urgency, urgency);
  note('category', t.category, category);
  note('priority', t.priority, priority);
  // The new targets count from when the ticket was logged, less the time its clocks stood still.
  // While the clocks stand still there is no due time to move; resuming them uses the new priority.
  if (patch.priority && clockRuns(t.statusClass)) note('slaDue', t.slaDue, dueTimes(c, { ...t, priority }));
  if (!Object.keys(changes).length) return change({}, []);
  return change(patch, [{ type: 'ticket.updated', data: { changes, ...(matched.length ? { matchedRules: matched } : {}) } }]);
}
