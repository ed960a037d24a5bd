/**
 * One SLA clock (response or resolution) and the facts rules and screens
 * read from it: due at, elapsed and remaining business time, elapsed
 * percentage, state. Paused time does not count and pushes the due time out
 * by exactly the business time it lasted.
 */
import { addBusinessMinutes, businessMinutesBetween } from './calendar/business-time.ts';
import type { Calendar } from './calendar/calendar.schema.ts';
import type { z } from 'zod';
import type { slaFacts as slaFactsSchema } from './tickets/ticket.schema.ts';

export interface SlaClock {
  startedAt: string;
  targetMinutes: number;
  /** Periods the clock stood still (e.g. pending on the customer); the last may still be open. */
  pauses: { from: string; to: string | null }[];
  /** When the clock's goal was reached (first reply, resolution), or null while it runs. */
  stoppedAt: string | null;
}

export type SlaFacts = z.infer<typeof slaFactsSchema>;
export type SlaState = SlaFacts['state'];

/** Business minutes the clock has run by `at`: from its start, less its pauses. */
function elapsedBy(clock: SlaClock, calendar: Calendar | null, at: Date): number {
  const start = new Date(clock.startedAt);
  let elapsed = businessMinutesBetween(calendar, start, at);
  for (const pause of clock.pauses) {
    const from = new Date(Math.max(Date.parse(pause.from), start.getTime()));
    const to = new Date(Math.min(pause.to === null ? at.getTime() : Date.parse(pause.to), at.getTime()));
    elapsed -= businessMinutesBetween(calendar, from, to);
  }
  return elapsed;
}

export function slaFacts(clock: SlaClock, calendar: Calendar | null, now: Date, options: { warningPct?: number } = {}): SlaFacts {
  const warningPct = options.warningPct ?? 80;
  const end = clock.stoppedAt !== null ? new Date(Math.min(Date.parse(clock.stoppedAt), now.getTime())) : now;
  const elapsed = elapsedBy(clock, calendar, end);
  const open = clock.pauses.find((p) => p.to === null && Date.parse(p.from) <= end.getTime());
  const lastResume = clock.pauses.reduce((latest, p) => (p.to !== null && Date.parse(p.to) > latest ? Date.parse(p.to) : latest), Date.parse(clock.startedAt));
  // After the last resume nothing pauses the clock, so the due time is a plain business-time addition from there.
  const dueAt = open
    ? null
    : addBusinessMinutes(calendar, new Date(lastResume), clock.targetMinutes - elapsedBy(clock, calendar, new Date(lastResume))).toISOString();
  const breached = elapsed > clock.targetMinutes || (clock.stoppedAt === null && elapsed >= clock.targetMinutes);
  const elapsedPct = Math.round((elapsed / clock.targetMinutes) * 1000) / 10;
  const state: SlaState =
    clock.stoppedAt !== null ? (breached ? 'breached' : 'met') : breached ? 'breached' : open ? 'paused' : elapsedPct >= warningPct ? 'warning' : 'running';
  return {
    dueAt,
    elapsedMinutes: elapsed,
    remainingMinutes: Math.max(0, clock.targetMinutes - elapsed),
    elapsedPct,
    state,
    breached,
  };
}
