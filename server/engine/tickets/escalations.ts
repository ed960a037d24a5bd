/**
 * A workflow's escalation rules over time: which are due for a ticket now,
 * when to look at the ticket again, and what firing them does. A timed rule
 * (`at`) is due once its SLA clock has run the given share of its target or
 * reached its due time plus an offset, counted in business time; a rule
 * without `at` is checked at each look (the ticket changed, or a clock
 * reached its warning or due moment). Each rule fires once per ticket per
 * escalation cycle: the service remembers the firings, the engine is told
 * which keys already fired.
 */
import { addBusinessMinutes } from '../calendar/business-time.ts';
import type { Calendar } from '../calendar/calendar.schema.ts';
import type { SlaPolicy } from '../desk/desk.schema.ts';
import { evaluateRule, isTruthy, nullPrototypeCopy } from '../rules.ts';
import { slaFacts, type SlaClock } from '../sla-clock.ts';
import type { EscalationRule, Priority } from '../workflow/workflow.schema.ts';
import { moveQueue } from './agent-actions.ts';
import { notifyBy, type EventDraft } from './notify.ts';
import { clockRuns, dueTimes, policyCalendar, ticketClocks, ticketSla } from './sla-clocks.ts';
import { messagesFor, notifySubject, ruleData, type TicketCase, type TicketChange, type TicketPatch, type WebhookDraft } from './ticket-case.ts';

/** How firings are remembered: the rule's id, or its position ("#1") in the ticket's workflow version. */
export const escalationKey = (rule: EscalationRule, index: number) => rule.id ?? `#${index + 1}`;

/** The share of a target at which a clock shows "warning"; rules without `at` are also looked at then. */
const warningPct = 80;

export interface DueEscalation {
  key: string;
  rule: EscalationRule;
}

export interface EscalationPlan {
  due: DueEscalation[];
  /** The next moment something may become due; null when nothing can until the ticket changes. */
  nextCheckAt: string | null;
}

/** The business minutes a clock must have run for a timed level: a share of its target, or the target plus an offset. */
export function thresholdOf(at: NonNullable<EscalationRule['at']>, targetMinutes: number): number {
  return at.percent !== undefined ? (targetMinutes * at.percent) / 100 : targetMinutes + (at.offsetMinutes ?? 0);
}

/** When a clock will have run `threshold` business minutes: null if it has stopped or stands still. */
function momentOf(clock: SlaClock, threshold: number, calendar: Calendar | null, now: Date): number | null {
  if (clock.stoppedAt !== null) return null;
  const at = slaFacts({ ...clock, targetMinutes: Math.max(0, threshold) }, calendar, now).dueAt;
  return at === null ? null : Date.parse(at);
}

export function escalationPlan(c: TicketCase, fired: ReadonlySet<string>): EscalationPlan {
  const t = c.ticket;
  const rules = c.workflow.definition.escalations;
  const policy = c.desk.slaPolicies.get(t.slaPolicy);
  // Resolved and closed tickets owe nothing; a reopen brings them back to a look.
  if (!rules.length || !policy || t.statusClass === 'resolved' || t.statusClass === 'closed') return { due: [], nextCheckAt: null };
  const calendar = policyCalendar(c, policy);
  const clocks = ticketClocks(t, policy);
  const now = c.now.getTime();
  const data = nullPrototypeCopy({ ...ruleData(t, c.requester), sla: ticketSla(t, policy, calendar, c.now) });
  const later: number[] = [];
  const due: DueEscalation[] = [];
  let untimed = false;

  rules.forEach((rule, i) => {
    const key = escalationKey(rule, i);
    if (fired.has(key)) return;
    if (rule.at) {
      const clock = clocks[rule.at.clock];
      const at = momentOf(clock, thresholdOf(rule.at, clock.targetMinutes), calendar, c.now);
      if (at === null) return;
      if (at > now) {
        later.push(at);
        return;
      }
    } else untimed = true;
    if (rule.when === undefined || isTruthy(evaluateRule(rule.when, data))) due.push({ key, rule });
  });

  if (untimed && clockRuns(t.statusClass)) {
    for (const clock of Object.values(clocks)) {
      for (const share of [warningPct, 100]) {
        const at = momentOf(clock, (clock.targetMinutes * share) / 100, calendar, c.now);
        if (at !== null && at > now) later.push(at);
      }
    }
  }
  return { due, nextCheckAt: later.length ? new Date(Math.min(...later)).toISOString() : null };
}

/**
 * The scheduler's first look at a new ticket: the earliest level of its
 * workflow (a new ticket's clocks have neither stopped nor paused), or at
 * once when a rule has no time and must see the ticket as logged.
 */
export function firstLookAt(
  rules: readonly EscalationRule[],
  ticket: { createdAt: string; priority: string },
  policy: SlaPolicy | undefined,
  calendar: Calendar | null,
): string | null {
  if (!rules.length || !policy) return null;
  if (rules.some((r) => !r.at)) return ticket.createdAt;
  const target = policy.targets[ticket.priority as Priority];
  const moments = rules.map((r) => {
    const minutes = r.at!.clock === 'response' ? target.responseMinutes : target.resolutionMinutes;
    return addBusinessMinutes(calendar, new Date(ticket.createdAt), Math.max(0, thresholdOf(r.at!, minutes))).getTime();
  });
  return new Date(Math.min(...moments)).toISOString();
}

/** What firing the due rules does, in order: one history entry per rule, plus the changes and messages of its actions. */
export function fireEscalations(c: TicketCase, due: readonly DueEscalation[]): TicketChange {
  const t = c.ticket;
  const patch: TicketPatch = {};
  const events: EventDraft[] = [];
  const notifications: TicketChange['notifications'] = [];
  const webhooks: WebhookDraft[] = [];
  const current = () => ({ ...t, ...patch });

  for (const { key, rule } of due) {
    const done: Record<string, unknown>[] = [];
    const later: EventDraft[] = [];
    for (const action of rule.do) {
      if ('setQueue' in action) {
        const from = current().queue;
        const target = c.desk.queues.get(action.setQueue);
        if (!target) done.push({ setQueue: action.setQueue, skipped: 'the queue no longer exists' });
        else if (from !== target.id) {
          Object.assign(patch, { ...moveQueue({ ...c, ticket: current() }, target.id) });
          const assignee = current().assigneeId;
          if (assignee && !target.members.some((m) => m.id === assignee)) patch.assigneeId = null;
          done.push({ setQueue: { from, to: target.id } });
        }
      } else if ('setPriority' in action) {
        const from = current().priority;
        if (from !== action.setPriority) {
          patch.priority = action.setPriority;
          if (clockRuns(current().statusClass)) patch.slaDue = dueTimes(c, { ...current(), priority: action.setPriority as Priority });
          done.push({ setPriority: { from, to: action.setPriority } });
        }
      } else if ('assign' in action) {
        const queue = c.desk.queues.get(current().queue);
        const member = queue?.members.find((m) => m.email.toLowerCase() === action.assign.toLowerCase());
        if (!member) done.push({ assign: action.assign, skipped: `not in the group that works the queue "${current().queue}"` });
        else if (member.id !== current().assigneeId) {
          patch.assigneeId = member.id;
          done.push({ assign: member.id });
          const m = messagesFor(c, 'ticket.assigned', patch);
          notifications.push(...m.notifications);
          later.push(...m.events);
        }
      } else if ('note' in action) {
        later.push({ type: 'note.internal', data: { body: action.note, escalation: key } });
        done.push({ note: true });
      } else if ('notify' in action) {
        const subject = notifySubject(c, patch);
        const queueName = subject?.queue.name.en ?? current().queue;
        const m = subject
          ? notifyBy([action.notify], subject, c.templates, { escalation: { kind: 'rule', reason: key, fromQueue: queueName, toQueue: queueName } })
          : { notifications: [], events: [] };
        notifications.push(...m.notifications);
        later.push(...m.events);
        done.push({ notify: action.notify.template });
      } else {
        webhooks.push({ url: action.webhook.url, event: 'escalation.fired', payload: webhookPayload(c, current(), key) });
        done.push({ webhook: action.webhook.url });
      }
    }
    events.push({ type: 'escalation.fired', data: { rule: key, ...(rule.at ? { at: rule.at } : {}), actions: done } }, ...later);
  }
  return { ok: true, patch, events, notifications, webhooks };
}

/** What a webhook receiver learns: the ticket's public facts and SLA, never its conversation or notes. */
function webhookPayload(c: TicketCase, t: TicketCase['ticket'], rule: string): Record<string, unknown> {
  const policy = c.desk.slaPolicies.get(t.slaPolicy);
  return {
    event: 'escalation.fired',
    rule,
    at: c.now.toISOString(),
    ticket: {
      id: t.id,
      number: t.number,
      title: t.title,
      workflow: c.workflow.id,
      status: t.status,
      statusClass: t.statusClass,
      priority: t.priority,
      queue: t.queue,
      assigneeId: t.assigneeId,
      slaDue: t.slaDue,
      url: `${c.desk.url.replace(/\/$/, '')}/tickets/${t.id}`,
    },
    sla: policy ? ticketSla(t, policy, policyCalendar(c, policy), c.now) : null,
  };
}
