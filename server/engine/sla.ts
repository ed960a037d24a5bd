/**
 * SLA due times: the policy's targets counted on its calendar (every minute
 * on 24×7, only opening hours on a business calendar). Pauses extend this.
 */
import { addBusinessMinutes } from './calendar/business-time.ts';
import type { Calendar } from './calendar/calendar.schema.ts';
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

/** `calendar` is the policy's business calendar, or null for 24×7. */
export function computeSlaDue(policy: SlaPolicy, priority: Priority, start: Date, calendar: Calendar | null = null): SlaDue {
  const target = policy.targets[priority];
  const after = (minutes: number) => addBusinessMinutes(calendar, start, minutes).toISOString();
  return {
    policy: policy.id,
    responseMinutes: target.responseMinutes,
    resolutionMinutes: target.resolutionMinutes,
    response: after(target.responseMinutes),
    resolution: after(target.resolutionMinutes),
  };
}
