/**
 * What a resolved ticket's stopped SLA clocks came to, from the same clocks
 * the desk shows and escalates on (engine/tickets/sla-clocks.ts): business
 * and wall minutes to first response and to resolution, whether each target
 * was met, and whether it was resolved on first contact. Pure: the caller
 * hands in the ticket, its policy and its calendar.
 */
import type { Calendar } from '../engine/calendar/calendar.schema.ts';
import type { SlaPolicy } from '../engine/desk/desk.schema.ts';
import { slaFacts } from '../engine/sla-clock.ts';
import { ticketClocks } from '../engine/tickets/sla-clocks.ts';
import type { Ticket } from '../engine/tickets/ticket.schema.ts';

export interface ReportFacts {
  stoppedAt: string;
  responseMinutes: number | null;
  responseWallMinutes: number | null;
  responseMet: boolean | null;
  resolutionMinutes: number | null;
  resolutionWallMinutes: number | null;
  resolutionMet: boolean | null;
  reopens: number;
  firstContact: boolean;
}

export type FactsTicket = Pick<
  Ticket,
  'createdAt' | 'priority' | 'slaPauses' | 'firstResponseAt' | 'resolution' | 'closedAt' | 'slaRestartedAt' | 'heldByGroups' | 'managerFlaggedAt'
>;

const wallMinutes = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 60_000));

/**
 * `policy` null: the ticket's policy is gone, so only wall time is known.
 * A ticket resolved without a public reply counts its resolution as the first response.
 * First contact: never waited on the requester before it was resolved, never escalated, never reopened.
 */
export function reportFacts(t: FactsTicket, policy: SlaPolicy | null, calendar: Calendar | null, reopens: number): ReportFacts | null {
  const stoppedAt = t.resolution?.resolvedAt ?? t.closedAt;
  if (!stoppedAt) return null;
  const respondedAt = t.firstResponseAt !== null && t.firstResponseAt <= stoppedAt ? t.firstResponseAt : stoppedAt;
  const resolutionStart = t.slaRestartedAt ?? t.createdAt;
  const target = policy?.targets[t.priority as keyof SlaPolicy['targets']];
  let business: { response: number | null; responseMet: boolean | null; resolution: number | null; resolutionMet: boolean | null } = {
    response: null, responseMet: null, resolution: null, resolutionMet: null,
  };
  if (policy && target) {
    const clocks = ticketClocks({ ...t, firstResponseAt: respondedAt }, policy);
    const at = new Date(stoppedAt);
    const response = slaFacts(clocks.response, calendar, at);
    const resolution = slaFacts(clocks.resolution, calendar, at);
    // Whole minutes: what a report shows, and few distinct values for the median's distribution.
    business = { response: Math.round(response.elapsedMinutes), responseMet: !response.breached, resolution: Math.round(resolution.elapsedMinutes), resolutionMet: !resolution.breached };
  }
  const waited = t.slaPauses.some((p) => p.from < stoppedAt);
  return {
    stoppedAt,
    responseMinutes: business.response,
    responseWallMinutes: wallMinutes(t.createdAt, respondedAt),
    responseMet: business.responseMet,
    resolutionMinutes: business.resolution,
    resolutionWallMinutes: wallMinutes(resolutionStart, stoppedAt),
    resolutionMet: business.resolutionMet,
    reopens,
    firstContact: !waited && reopens === 0 && t.heldByGroups.length === 0 && t.managerFlaggedAt === null,
  };
}
