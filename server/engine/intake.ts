/**
 * A submission, start to finish, with no I/O: validate the form, compute the
 * priority, categorise and route, set SLA due times, and render the
 * notifications. The intake service stores what this returns; the builder's
 * simulator shows it and stores nothing.
 */
import { categorise } from './categorise.ts';
import type { Calendar } from './calendar/calendar.schema.ts';
import type { Group, Queue, SlaPolicy } from './desk/desk.schema.ts';
import { validateSubmission, type FieldValues } from './form.ts';
import {
  localise,
  renderFor,
  resolveRecipients,
  type NotificationDraft,
  type Person,
  type TemplateContext,
  type TemplateLookup,
} from './notifications.ts';
import { computePriority } from './priority.ts';
import { notify, type EventDraft } from './tickets/notify.ts';
import { firstStateOfClass, lifecycleOf } from './tickets/lifecycle.ts';
import type { Problem } from './problems.ts';
import { nullPrototypeCopy } from './rules.ts';
import { computeSlaDue, type SlaDue } from './sla.ts';
import type { Priority, WorkflowDefinition } from './workflow/workflow.schema.ts';
import type { Ticket } from './tickets/ticket.schema.ts';

export const ticketNumberPrefix: Record<WorkflowDefinition['kind'], string> = {
  incident: 'INC',
  request: 'REQ',
  change: 'CHG',
  problem: 'PRB',
};

/** `INC-1042`: the number people quote on the phone. */
export function formatTicketNumber(kind: WorkflowDefinition['kind'], id: number | null): string {
  return `${ticketNumberPrefix[kind]}-${id ?? 'new'}`;
}

/** A member of a support group, as notifications and assignment see them. */
export interface Member extends Person {
  id: string;
}

export interface Requester extends Person {
  id: string;
  roles: string[];
  groups: string[];
}

/** What the engine needs to know about the desk, loaded by the service. */
export interface DeskDirectory {
  name: string;
  url: string;
  queues: ReadonlyMap<string, Queue & { members: readonly Member[] }>;
  /** The tier of each group, to tell escalation from a sideways move. */
  groups?: ReadonlyMap<string, Group>;
  slaPolicies: ReadonlyMap<string, SlaPolicy>;
  calendars: ReadonlyMap<string, Calendar>;
}

export interface IntakeInput {
  workflow: { id: string; versionId: number; version: number; definition: WorkflowDefinition };
  fields: unknown;
  requester: Requester;
  desk: DeskDirectory;
  templates: TemplateLookup;
  /** The id the ticket will have (allocated by the store), or null in a simulation. */
  ticketId: number | null;
  now: Date;
}

export interface NewTicket {
  id: number | null;
  number: string;
  workflowId: string;
  workflowVersionId: number;
  kind: WorkflowDefinition['kind'];
  status: string;
  statusClass: 'new';
  title: string;
  category: string | null;
  priority: Priority;
  impact: string | null;
  urgency: string | null;
  queue: string;
  requesterId: string;
  fields: FieldValues;
  sla: SlaDue;
  createdAt: string;
}

/**
 * A new ticket as the desk keeps it: nobody on it yet, no clocks stopped,
 * first cycle. Intake stores it; a simulation looks ahead from it.
 */
export function openedTicket(t: NewTicket, id: number): Ticket {
  return {
    id,
    number: t.number,
    workflowId: t.workflowId,
    workflowVersionId: t.workflowVersionId,
    kind: t.kind,
    status: t.status,
    statusClass: t.statusClass,
    title: t.title,
    category: t.category,
    priority: t.priority,
    impact: t.impact,
    urgency: t.urgency,
    queue: t.queue,
    assigneeId: null,
    requesterId: t.requesterId,
    fields: t.fields,
    slaPolicy: t.sla.policy,
    slaDue: { response: t.sla.response, resolution: t.sla.resolution },
    firstResponseAt: null,
    resolution: null,
    closedAt: null,
    satisfaction: null,
    managerFlaggedAt: null,
    heldByGroups: [],
    slaPauses: [],
    escalationCycle: 0,
    slaRestartedAt: null,
    createdAt: t.createdAt,
    updatedAt: t.createdAt,
    rowVersion: 1,
  };
}

export type { EventDraft };

export type IntakeResult =
  | { ok: true; ticket: NewTicket; events: EventDraft[]; notifications: NotificationDraft[] }
  | { ok: false; problems: Problem[] };

/** The rule context every rule sees: one vocabulary for admins. */
/** The ticket facts a rule can read, from a new ticket or a stored one. */
export interface RuleTicket {
  id?: number | null;
  number?: string;
  title?: string;
  kind?: string;
  status?: string;
  category?: string | null;
  priority?: string;
  queue?: string;
  assigneeId?: string | null;
  impact?: string | null;
  urgency?: string | null;
  createdAt?: string;
  workflowId?: string;
}

export function ruleContext(ticket: RuleTicket, fields: FieldValues, requester: Requester) {
  return {
    fields,
    ticket: {
      id: ticket.id ?? null,
      number: ticket.number ?? null,
      title: ticket.title ?? null,
      kind: ticket.kind ?? null,
      status: ticket.status ?? null,
      category: ticket.category ?? null,
      priority: ticket.priority ?? null,
      queue: ticket.queue ?? null,
      assignee: ticket.assigneeId ?? null,
      impact: ticket.impact ?? null,
      urgency: ticket.urgency ?? null,
      createdAt: ticket.createdAt ?? null,
      workflow: ticket.workflowId ?? null,
    },
    requester: {
      id: requester.id,
      email: requester.email,
      name: requester.name,
      locale: requester.locale ?? 'en',
      roles: requester.roles,
      groups: requester.groups,
    },
  };
}

export function submit(input: IntakeInput): IntakeResult {
  const { definition } = input.workflow;
  const createdAt = input.now.toISOString();
  const base: Partial<NewTicket> = {
    id: input.ticketId,
    kind: definition.kind,
    status: firstStateOfClass(lifecycleOf(definition), 'new').id,
    statusClass: 'new',
    createdAt,
    workflowId: input.workflow.id,
    workflowVersionId: input.workflow.versionId,
  };
  const { values, problems } = validateSubmission(definition, input.fields, ruleContext(base, {}, input.requester));
  if (problems.length) return { ok: false, problems };

  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  const titleValue = values[definition.titleField ?? 'summary'];
  const matrixPriority = computePriority(definition.priority, values);
  const draft: Partial<NewTicket> = {
    ...base,
    number: formatTicketNumber(definition.kind, input.ticketId),
    title: typeof titleValue === 'string' && titleValue.trim() ? titleValue.trim() : localise(definition.name, 'en'),
    priority: matrixPriority,
    impact: text(values[definition.priority.impactField]),
    urgency: text(values[definition.priority.urgencyField]),
  };
  const routing = categorise(definition.categorise, nullPrototypeCopy(ruleContext(draft, values, input.requester)));
  const queueId = routing.queue ?? definition.defaultQueue;
  const queue = queueId !== undefined ? input.desk.queues.get(queueId) : undefined;
  const policy = input.desk.slaPolicies.get(definition.sla);
  // Publish-time validation makes these impossible for a published version;
  // they can still happen if a queue or policy was deleted afterwards.
  if (!queue) return { ok: false, problems: [{ path: 'categorise', message: `the workflow routes to the queue "${queueId ?? '(none)'}", which does not exist` }] };
  if (!policy) return { ok: false, problems: [{ path: 'sla', message: `the SLA policy "${definition.sla}" does not exist` }] };

  const calendar = policy.calendar === '24x7' ? null : input.desk.calendars.get(policy.calendar);
  if (calendar === undefined) return { ok: false, problems: [{ path: 'sla', message: `the SLA policy "${policy.id}" counts on the calendar "${policy.calendar}", which does not exist` }] };
  const priority = routing.priority ?? matrixPriority;
  const sla = computeSlaDue(policy, priority, input.now, calendar);
  const ticket: NewTicket = {
    ...(draft as NewTicket),
    category: routing.category ?? null,
    priority,
    queue: queue.id,
    requesterId: input.requester.id,
    fields: values,
    sla,
  };

  const messages = notify(
    'ticket.created',
    {
      ticket: {
        id: ticket.id,
        number: ticket.number,
        title: ticket.title,
        kind: ticket.kind,
        status: ticket.status,
        category: ticket.category,
        priority: ticket.priority,
        queue: { id: queue.id, name: queue.name },
        fields: values,
        createdAt,
        slaDue: { response: sla.response, resolution: sla.resolution },
      },
      queue,
      requester: input.requester,
      assignee: null,
      workflow: { id: input.workflow.id, definition },
      policy,
      desk: input.desk,
    },
    input.templates,
  );
  const notifications = messages.notifications;

  const events: EventDraft[] = [
    {
      type: 'ticket.created',
      data: {
        workflow: input.workflow.id,
        version: input.workflow.version,
        fields: values,
        priority,
        category: ticket.category,
        queue: queue.id,
        matchedRules: routing.matched,
        sla,
      },
    },
    ...messages.events,
  ];
  return { ok: true, ticket, events, notifications };
}
