/**
 * A ticket's two SLA clocks — first response and resolution — from what it
 * stores: when it was logged, its policy's targets for its priority, the
 * periods it stood still, and when each goal was reached. The clocks stand
 * still while the ticket waits on the requester or is resolved, and the due
 * times move out by exactly the business time they stood still.
 */
import type { Calendar } from '../calendar/calendar.schema.ts';
import type { SlaPolicy } from '../desk/desk.schema.ts';
import type { z } from 'zod';
import { slaFacts, type SlaClock } from '../sla-clock.ts';
import type { ticketSla as ticketSlaSchema } from './ticket.schema.ts';
import type { Priority } from '../workflow/workflow.schema.ts';
import type { StateClass } from '../workflow/lifecycle.schema.ts';
import type { EventDraft } from './notify.ts';
import type { TicketCase, TicketChange } from './ticket-case.ts';
import type { Ticket } from './ticket.schema.ts';

/** Classes in which the desk owes the requester something, so the clocks run. */
export const clockRuns = (c: StateClass) => c === 'new' || c === 'open';

type ClockTicket = Pick<Ticket, 'createdAt' | 'priority' | 'slaPauses' | 'firstResponseAt' | 'resolution' | 'closedAt' | 'slaRestartedAt'>;

export function ticketClocks(t: ClockTicket, policy: SlaPolicy): { response: SlaClock; resolution: SlaClock } {
  const target = policy.targets[t.priority as Priority];
  return {
    response: { startedAt: t.createdAt, pauses: t.slaPauses, targetMinutes: target.responseMinutes, stoppedAt: t.firstResponseAt },
    // A restarted clock counts from the reopen; pauses before it no longer matter.
    resolution: { startedAt: t.slaRestartedAt ?? t.createdAt, pauses: t.slaPauses, targetMinutes: target.resolutionMinutes, stoppedAt: t.resolution?.resolvedAt ?? t.closedAt },
  };
}

export type TicketSla = z.infer<typeof ticketSlaSchema>;

export function ticketSla(t: ClockTicket & { slaPolicy: string }, policy: SlaPolicy, calendar: Calendar | null, now: Date): TicketSla {
  const clocks = ticketClocks(t, policy);
  return { policy: policy.id, response: slaFacts(clocks.response, calendar, now), resolution: slaFacts(clocks.resolution, calendar, now) };
}

/** The calendar a policy counts on (null: every minute counts). */
export function policyCalendar(c: Pick<TicketCase, 'desk'>, policy: SlaPolicy): Calendar | null {
  return policy.calendar === '24x7' ? null : (c.desk.calendars.get(policy.calendar) ?? null);
}

/** Due times as the scheduler indexes them: none while the clocks stand still; a met response keeps its time. */
export function dueTimes(c: Pick<TicketCase, 'desk' | 'now'>, t: ClockTicket & { slaPolicy: string; statusClass: StateClass; slaDue: Ticket['slaDue'] }): Ticket['slaDue'] {
  const policy = c.desk.slaPolicies.get(t.slaPolicy);
  if (!policy) return t.slaDue;
  const sla = ticketSla(t, policy, policyCalendar(c, policy), c.now);
  const runs = clockRuns(t.statusClass);
  return {
    response: t.firstResponseAt ? t.slaDue.response : runs ? sla.response.dueAt : null,
    resolution: runs ? sla.resolution.dueAt : null,
  };
}

/**
 * What a change does to the clocks: moving out of new/open opens a pause,
 * moving back closes it and recomputes the due times.
 */
export function withSlaClocks(c: TicketCase, change: TicketChange): TicketChange {
  const before = c.ticket;
  const after = { ...before, ...change.patch };
  const wasRunning = clockRuns(before.statusClass);
  const runs = clockRuns(after.statusClass);
  if (wasRunning === runs) return change;
  const at = c.now.toISOString();
  const slaPauses = runs ? before.slaPauses.map((p) => (p.to === null ? { ...p, to: at } : p)) : [...before.slaPauses, { from: at, to: null }];
  const policy = c.desk.slaPolicies.get(after.slaPolicy);
  const reopened = before.statusClass === 'resolved' || before.statusClass === 'closed';
  const restart = runs && reopened && policy?.onReopen === 'restart';
  const slaDue = dueTimes(c, { ...after, slaPauses, ...(restart ? { slaRestartedAt: at } : {}) });
  const event: EventDraft = runs ? { type: 'sla.resumed', data: { due: slaDue } } : { type: 'sla.paused', data: { state: after.status } };
  const patch = { ...change.patch, slaPauses, slaDue, ...(restart ? { slaRestartedAt: at } : {}) };
  // A reopened ticket (or, by policy, one whose requester answered) may be escalated again by the same rules.
  const rearmOn = policy?.rearmEscalationsOn ?? ['reopen'];
  if (runs && rearmOn.includes(reopened ? 'reopen' : 'resume')) patch.escalationCycle = before.escalationCycle + 1;
  return { ...change, patch, events: [...change.events, event] };
}
