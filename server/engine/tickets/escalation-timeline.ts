/**
 * What a workflow's escalation rules would do to a new ticket if nobody
 * touched it: the scheduler's own plan (`escalationPlan`) run forward from
 * the moment it is logged, look after look, firing what falls due
 * (`fireEscalations`, whose changes — a new priority, a new queue — carry
 * into the following looks). For the builder's simulation; nothing is
 * stored. Rules that never fire say why: their condition does not hold at
 * their moment, or (rules without `at`) at any look.
 */
import { addBusinessMinutes, businessMinutesBetween } from '../calendar/business-time.ts';
import { evaluateRule, isTruthy, nullPrototypeCopy } from '../rules.ts';
import type { EscalationRule } from '../workflow/workflow.schema.ts';
import { escalationKey, escalationPlan, fireEscalations, thresholdOf } from './escalations.ts';
import { policyCalendar, ticketSla } from './sla-clocks.ts';
import { ruleData, type TicketCase } from './ticket-case.ts';

export interface TimelineEntry {
  /** The rule's id, or its position ("#2"). */
  rule: string;
  /** Its position in the workflow's `escalations`. */
  index: number;
  trigger: 'time' | 'condition';
  clock: 'response' | 'resolution' | null;
  /** When a timed rule's moment comes (whether or not its condition then holds); null for rules without `at`. */
  scheduledAt: string | null;
  /** When it would fire, if nothing about the ticket changed; null: it would not. */
  firesAt: string | null;
  /** Business minutes from the ticket being logged to `firesAt` (else to `scheduledAt`). */
  businessMinutes: number | null;
  /** Whether its `when` holds for the ticket as logged (true when it has none). */
  holdsNow: boolean;
  /** What firing it would do, as the history records it (moves, priority changes, templates, skipped actions). */
  actions: Record<string, unknown>[];
  /** The messages it would send, rendered. */
  messages: { template: string; to: string; subject: string; status: string }[];
}

/** Enough looks for every rule to fire once, with room for the looks at warning and due moments in between. */
const maxLooks = 64;

export function escalationTimeline(c: TicketCase): TimelineEntry[] {
  const rules = c.workflow.definition.escalations;
  const policy = c.desk.slaPolicies.get(c.ticket.slaPolicy);
  if (!rules.length || !policy) return [];
  const calendar = policyCalendar(c, policy);
  const logged = new Date(c.ticket.createdAt);
  const minutesTo = (iso: string) => businessMinutesBetween(calendar, logged, new Date(iso));
  const holds = (rule: EscalationRule, at: Date, ticket = c.ticket) =>
    rule.when === undefined ||
    isTruthy(evaluateRule(rule.when, nullPrototypeCopy({ ...ruleData(ticket, c.requester), sla: ticketSla(ticket, policy, calendar, at) })));

  const fired = new Map<string, Omit<TimelineEntry, 'rule' | 'index' | 'trigger' | 'clock' | 'scheduledAt' | 'holdsNow' | 'businessMinutes'>>();
  let ticket = c.ticket;
  let now = c.now;
  for (let look = 0; look < maxLooks; look++) {
    const at = { ...c, ticket, now };
    const plan = escalationPlan(at, new Set(fired.keys()));
    let changed = false;
    // One rule at a time, each seeing what the one before it changed, as fireEscalations does within a look.
    for (const due of plan.due) {
      const change = fireEscalations({ ...at, ticket }, [due]);
      const data = change.events.find((e) => e.type === 'escalation.fired')?.data as { actions?: Record<string, unknown>[] } | undefined;
      fired.set(due.key, {
        firesAt: now.toISOString(),
        actions: data?.actions ?? [],
        messages: change.notifications.map((n) => ({ template: n.template, to: n.recipient.email, subject: n.subject, status: n.status })),
      });
      ticket = { ...ticket, ...change.patch };
      changed ||= Object.keys(change.patch).length > 0;
    }
    // A changed ticket is looked at again at once, as the desk does after any change.
    if (changed) continue;
    if (plan.nextCheckAt === null) break;
    now = new Date(plan.nextCheckAt);
  }

  return rules.map((rule, index) => {
    const key = escalationKey(rule, index);
    const outcome = fired.get(key);
    const clock = rule.at?.clock ?? null;
    let scheduledAt: string | null = null;
    if (rule.at) {
      const target = policy.targets[c.ticket.priority as keyof typeof policy.targets];
      const minutes = rule.at.clock === 'response' ? target.responseMinutes : target.resolutionMinutes;
      scheduledAt = addBusinessMinutes(calendar, logged, Math.max(0, thresholdOf(rule.at, minutes))).toISOString();
    }
    const firesAt = outcome?.firesAt ?? null;
    const moment = firesAt ?? scheduledAt;
    return {
      rule: key,
      index,
      trigger: rule.at ? 'time' : 'condition',
      clock,
      scheduledAt,
      firesAt,
      businessMinutes: moment === null ? null : minutesTo(moment),
      holdsNow: holds(rule, c.now),
      actions: outcome?.actions ?? [],
      messages: outcome?.messages ?? [],
    };
  });
}
