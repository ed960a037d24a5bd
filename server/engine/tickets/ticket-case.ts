/**
 * What every agent and requester action on an existing ticket works with —
 * the ticket, its workflow version, the people, the desk — and what each
 * returns: a patch, history entries and messages, or a refusal with a
 * reason. The service loads the case, calls an action and stores the result
 * in one transaction; the actions themselves do no I/O.
 */
import type { DeskDirectory, Member, Requester } from '../intake.ts';
import { ruleContext } from '../intake.ts';
import type { NotificationDraft, Person, TemplateLookup } from '../notifications.ts';
import type { Problem } from '../problems.ts';
import type { Role } from '../people/people.schema.ts';
import type { WorkflowDefinition } from '../workflow/workflow.schema.ts';
import type { NotificationEvent } from '../workflow/workflow.schema.ts';
import { notify, type EventDetails, type EventDraft, type NotifySubject } from './notify.ts';
import type { Ticket } from './ticket.schema.ts';

export interface TicketCase {
  ticket: Ticket;
  workflow: { id: string; version: number; definition: WorkflowDefinition };
  requester: Requester;
  /** People the action may name who are not queue members (the current assignee, say). */
  people: ReadonlyMap<string, Member>;
  desk: DeskDirectory;
  templates: TemplateLookup;
  now: Date;
}

export interface Actor {
  id: string;
  name: string;
  roles: readonly Role[];
}

/** The columns an action may change. */
export type TicketPatch = Partial<
  Pick<
    Ticket,
    | 'status'
    | 'statusClass'
    | 'assigneeId'
    | 'queue'
    | 'priority'
    | 'impact'
    | 'urgency'
    | 'category'
    | 'fields'
    | 'slaDue'
    | 'firstResponseAt'
    | 'resolution'
    | 'closedAt'
    | 'satisfaction'
    | 'managerFlaggedAt'
    | 'heldByGroups'
    | 'slaPauses'
    | 'escalationCycle'
    | 'slaRestartedAt'
  >
>;

export interface TicketChange {
  ok: true;
  patch: TicketPatch;
  events: EventDraft[];
  notifications: NotificationDraft[];
  /** Signed POSTs to deliver through the outbox (escalation rules' `webhook` action). */
  webhooks?: WebhookDraft[];
}

export interface WebhookDraft {
  url: string;
  /** What happened, e.g. "escalation.fired"; also the outbox row's subject. */
  event: string;
  payload: Record<string, unknown>;
}

export interface Refusal {
  ok: false;
  status: 403 | 409 | 422;
  message: string;
  problems?: Problem[];
}

export type ActionResult = TicketChange | Refusal;

export const refuse = (status: Refusal['status'], message: string, problems?: Problem[]): Refusal => ({
  ok: false,
  status,
  message,
  ...(problems ? { problems } : {}),
});

/** A person by user id: the requester, someone the service loaded, or a member of a queue. */
export function findPerson(c: TicketCase, id: string | null): Member | null {
  if (id === null) return null;
  if (id === c.requester.id) return c.requester;
  const known = c.people.get(id);
  if (known) return known;
  for (const queue of c.desk.queues.values()) {
    const member = queue.members.find((m) => m.id === id);
    if (member) return member;
  }
  return null;
}

/** The data a lifecycle guard reads: the same vocabulary as the workflow's other rules. */
export function ruleData(ticket: Ticket, requester: Requester) {
  return ruleContext(ticket, ticket.fields, requester);
}

/** Renders the workflow's messages for an event, about the ticket as it will be after the patch. */
export function messagesFor(c: TicketCase, event: NotificationEvent, patch: TicketPatch, details: Partial<EventDetails> = {}) {
  const subject = notifySubject(c, patch);
  // A queue or policy deleted since the ticket was routed: the change goes ahead without messages.
  return subject ? notify(event, subject, c.templates, details) : { notifications: [], events: [] };
}

/** What messages are about: the ticket as it will be after the patch; null when its queue or policy is gone. */
export function notifySubject(c: TicketCase, patch: TicketPatch): NotifySubject | null {
  const t = { ...c.ticket, ...patch };
  const queue = c.desk.queues.get(t.queue);
  const policy = c.desk.slaPolicies.get(t.slaPolicy);
  if (!queue || !policy) return null;
  return {
    ticket: {
      id: t.id,
      number: t.number,
      title: t.title,
      kind: t.kind,
      status: t.status,
      category: t.category,
      priority: t.priority as NotifySubject['ticket']['priority'],
      queue: { id: queue.id, name: queue.name },
      fields: t.fields,
      createdAt: t.createdAt,
      slaDue: t.slaDue,
    },
    queue,
    requester: c.requester,
    assignee: findPerson(c, t.assigneeId) as Person | null,
    workflow: { id: c.workflow.id, definition: c.workflow.definition },
    policy,
    desk: c.desk,
  };
}

/** Builds a change from a patch, its history and the messages of each event it triggers. */
export function change(patch: TicketPatch, events: EventDraft[], messages: { notifications: NotificationDraft[]; events: EventDraft[] }[] = []): TicketChange {
  return {
    ok: true,
    patch,
    events: [...events, ...messages.flatMap((m) => m.events)],
    notifications: messages.flatMap((m) => m.notifications),
  };
}
