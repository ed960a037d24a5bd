/**
 * The one way a ticket event becomes messages: the workflow's notification
 * rules for the event, each recipient resolved and rendered in their
 * language against the documented template context, plus a history entry
 * per message. Intake and every agent action go through here.
 */
import type { Queue, SlaPolicy } from '../desk/desk.schema.ts';
import {
  noEventDetails,
  renderFor,
  resolveRecipients,
  type NotificationDraft,
  type Person,
  type TemplateContext,
  type TemplateLookup,
} from '../notifications.ts';
import type { NotificationEvent, Priority, WorkflowDefinition } from '../workflow/workflow.schema.ts';

export interface EventDraft {
  type: string;
  data: Record<string, unknown>;
}

/** What the messages are about, as the engine sees it. */
export interface NotifySubject {
  ticket: TemplateContext['ticket'] & { priority: Priority };
  queue: Queue & { members: readonly Person[] };
  requester: Person;
  assignee: Person | null;
  workflow: { id: string; definition: WorkflowDefinition };
  policy: SlaPolicy;
  desk: { name: string; url: string };
}

export type EventDetails = Pick<TemplateContext, keyof typeof noEventDetails>;

export function templateContext(s: NotifySubject, details: Partial<EventDetails> = {}): TemplateContext {
  const target = s.policy.targets[s.ticket.priority];
  return {
    ticket: s.ticket,
    requester: { name: s.requester.name, email: s.requester.email },
    assignee: s.assignee && { name: s.assignee.name, email: s.assignee.email },
    workflow: { id: s.workflow.id, name: s.workflow.definition.name },
    sla: {
      policy: s.policy.id,
      responseMinutes: target.responseMinutes,
      resolutionMinutes: target.resolutionMinutes,
      responseDue: s.ticket.slaDue.response,
      resolutionDue: s.ticket.slaDue.resolution,
    },
    links: { ticket: `${s.desk.url.replace(/\/$/, '')}/tickets/${s.ticket.id ?? ''}` },
    desk: { name: s.desk.name, url: s.desk.url },
    ...noEventDetails,
    ...details,
  };
}

/** Renders the workflow's messages for `event`; a template that fails is a failed message, never a failed change. */
export function notify(
  event: NotificationEvent,
  subject: NotifySubject,
  templates: TemplateLookup,
  details: Partial<EventDetails> = {},
): { notifications: NotificationDraft[]; events: EventDraft[] } {
  return notifyBy(
    subject.workflow.definition.notifications.filter((n) => n.on === event),
    subject,
    templates,
    details,
  );
}

/** Renders the messages of explicit rules (an escalation's `notify`, say) against the same context. */
export function notifyBy(
  rules: readonly { template: string; to: readonly string[] }[],
  subject: NotifySubject,
  templates: TemplateLookup,
  details: Partial<EventDetails> = {},
): { notifications: NotificationDraft[]; events: EventDraft[] } {
  if (!rules.length) return { notifications: [], events: [] };
  const context = templateContext(subject, details);
  const people = { requester: subject.requester, assignee: subject.assignee, queueMembers: subject.queue.members, queueManager: subject.queue.manager };
  const notifications = rules.flatMap((n) => resolveRecipients(n.to, people).map((person) => renderFor(templates, n.template, person, context)));
  return { notifications, events: notifications.map(notificationEvent) };
}

export function notificationEvent(n: NotificationDraft): EventDraft {
  return {
    type: n.status === 'failed' ? 'notification.failed' : 'notification.queued',
    data: { template: n.template, locale: n.locale, to: n.recipient.email, subject: n.subject, ...(n.error ? { error: n.error } : {}) },
  };
}
