/**
 * SLA due times on the 24×7 calendar: every minute counts. Business
 * calendars (opening hours, holidays, pauses) extend this module.
 */
import type { SlaPolicy } from './desk/desk.schema.ts';
import type { Priority } from './workflow/workflow.schema.ts';

export interface SlaDue {
  policy: string;
  responseMinutes: number;
  resolutionMinutes: number;
  /** ISO timestamps (UTC). */
  response: string;
  resolution: string;
}

export function computeSlaDue(policy: SlaPolicy, priority: Priority, start: Date): SlaDue {
  const target = policy.targets[priority];
  const after = (minutes: number) => new Date(start.getTime() + minutes * 60_000).toISOString();
  return {
    policy: policy.id,
    responseMinutes: target.responseMinutes,
    resolutionMinutes: target.resolutionMinutes,
    response: after(target.responseMinutes),
    resolution: after(target.resolutionMinutes),
  };
}
