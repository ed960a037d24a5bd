/**
 * The pure decisions of approvals: which step a ticket reaches next, who is
 * asked, whether the votes so far settle the step, and when its timeout
 * next needs a look. No I/O: the service loads and stores.
 */
import { addBusinessMinutes } from '../calendar/business-time.ts';
import type { Calendar } from '../calendar/calendar.schema.ts';
import { evaluateRule, isTruthy, nullPrototypeCopy } from '../rules.ts';
import type { ApprovalStep, ApprovalTimeout } from '../workflow/approvals.schema.ts';

/** The first step at or after `from` whose condition holds, or null when none is left. */
export function nextStep(steps: readonly ApprovalStep[], from: number, ruleData: unknown): { index: number; step: ApprovalStep } | null {
  const data = nullPrototypeCopy(ruleData);
  for (let index = from; index < steps.length; index++) {
    const step = steps[index]!;
    if (step.when === undefined || isTruthy(evaluateRule(step.when, data, { prepared: true }))) return { index, step };
  }
  return null;
}

/** Who a step asks, before the service looks the people up. */
export type ApproverRef = { requesterManager: true } | { group: string } | { emails: string[] };

export function approverRef(step: ApprovalStep, ruleData: { fields: Record<string, unknown> }): ApproverRef {
  const who = step.approvers;
  if ('group' in who) return { group: who.group };
  if ('person' in who) return { emails: [who.person] };
  if ('manager' in who) {
    if (who.manager === 'requester') return { requesterManager: true };
    const value = ruleData.fields[who.manager];
    return { emails: typeof value === 'string' && value.trim() ? [value.trim()] : [] };
  }
  const chosen: unknown = evaluateRule(who.choose, nullPrototypeCopy(ruleData), { prepared: true });
  const list = Array.isArray(chosen) ? chosen : [chosen];
  return { emails: list.filter((e): e is string => typeof e === 'string' && e.includes('@')).map((e) => e.trim()) };
}

export type Need = ApprovalStep['need'];

/**
 * Whether the votes settle the step: approved once enough said yes, rejected
 * once the ones still to answer could no longer make enough.
 */
export function tally(need: Need, votes: readonly { decision: string | null }[]): 'approved' | 'rejected' | 'open' {
  const total = votes.length;
  if (!total) return 'open';
  const required = need === 'any' ? 1 : need === 'all' ? total : Math.min(need, total);
  const yes = votes.filter((v) => v.decision === 'approved').length;
  const no = votes.filter((v) => v.decision === 'rejected').length;
  if (yes >= required) return 'approved';
  if (total - no < required) return 'rejected';
  return 'open';
}

/** The next moment a step's timeout acts: a reminder, or the timeout itself. */
export interface TimeoutCheck {
  kind: 'remind' | 'timeout';
  at: Date;
}

const hours = (cal: Calendar | null, from: Date, h: number) => addBusinessMinutes(cal, from, Math.round(h * 60));

/** The first look after a step starts; null when it has no timeout. */
export function firstCheck(t: ApprovalTimeout | undefined, startedAt: Date, cal: Calendar | null): TimeoutCheck | null {
  if (!t) return null;
  const timeout = { kind: 'timeout' as const, at: hours(cal, startedAt, t.businessHours) };
  if (t.remindEveryHours === undefined) return timeout;
  const remind = hours(cal, startedAt, t.remindEveryHours);
  return remind < timeout.at ? { kind: 'remind', at: remind } : timeout;
}

/**
 * The look after `done`: reminders until the timeout, then the timeout; after
 * it only a "remind" timeout keeps reminding.
 */
export function checkAfter(t: ApprovalTimeout | undefined, startedAt: Date, done: TimeoutCheck, timedOut: boolean, cal: Calendar | null): TimeoutCheck | null {
  if (!t) return null;
  const every = t.remindEveryHours ?? t.businessHours;
  if (timedOut) return t.then === 'remind' ? { kind: 'remind', at: hours(cal, done.at, every) } : null;
  const timeoutAt = hours(cal, startedAt, t.businessHours);
  const remind = hours(cal, done.at, every);
  return t.remindEveryHours !== undefined && remind < timeoutAt ? { kind: 'remind', at: remind } : { kind: 'timeout', at: timeoutAt };
}
