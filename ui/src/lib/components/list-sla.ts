/**
 * A ticket list's SLA column, from what a list row carries (the resolution
 * due time, not the clock itself): time left or over, and whether it is on
 * track, due soon, breached, paused or done. Due times already skip the
 * calendar's closed hours, so the time left is plain time until then; "due
 * soon" is the last fifth of the time from logging (or a restart) to the due
 * time, as the desk's escalations warn at 80%.
 */
import type { SlaFacts } from '../api/types.ts';

export interface ListSlaTicket {
  statusClass: string;
  createdAt: string;
  slaRestartedAt: string | null;
  slaDue: { resolution: string | null };
  resolution: { resolvedAt: string } | null;
  closedAt: string | null;
}

export const warningPct = 80;

export function listSla(t: ListSlaTicket, now: Date): SlaFacts | null {
  const due = t.slaDue.resolution;
  const dueMs = due ? Date.parse(due) : NaN;
  if (t.statusClass === 'resolved' || t.statusClass === 'closed') {
    const stopped = t.resolution?.resolvedAt ?? t.closedAt;
    if (!due || !stopped) return null;
    const breached = Date.parse(stopped) > dueMs;
    return { dueAt: due, elapsedMinutes: 0, remainingMinutes: 0, elapsedPct: 0, state: breached ? 'breached' : 'met', breached };
  }
  if (!due) return t.statusClass === 'pending' ? { dueAt: null, elapsedMinutes: 0, remainingMinutes: 0, elapsedPct: 0, state: 'paused', breached: false } : null;
  if (t.statusClass === 'pending') return { dueAt: due, elapsedMinutes: 0, remainingMinutes: 0, elapsedPct: 0, state: 'paused', breached: false };
  const start = Date.parse(t.slaRestartedAt ?? t.createdAt);
  const remainingMinutes = Math.round((dueMs - now.getTime()) / 60_000);
  const elapsedMinutes = Math.max(0, Math.round((now.getTime() - start) / 60_000));
  const span = Math.max(1, dueMs - start);
  const elapsedPct = Math.round(((now.getTime() - start) / span) * 1000) / 10;
  const breached = remainingMinutes < 0;
  return { dueAt: due, elapsedMinutes, remainingMinutes, elapsedPct, state: breached ? 'breached' : elapsedPct >= warningPct ? 'warning' : 'running', breached };
}
