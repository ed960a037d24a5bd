/**
 * Runs escalation passes: at start (catching up on whatever became due
 * while the desk was down), whenever a ticket changes, and otherwise asleep
 * until the earliest scheduled look — at most `maxSleepMs`, so looks
 * scheduled by another process on the same file are not missed for long.
 */
import { nextCheck } from '../db/escalations.repository.ts';
import type { DeskContext } from '../services/desk-context.ts';
import { runEscalations } from '../services/escalation.service.ts';
import { runApprovalTimeouts } from '../approvals/approvals.service.ts';

export interface EscalationScheduler {
  /** Starts a pass soon (coalesced with one already running). */
  wake(): void;
  /** Runs a pass now, after any running one; resolves when it is done. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

export function startEscalationScheduler(
  desk: DeskContext,
  options: { maxSleepMs?: number; onError?: (e: unknown) => void } = {},
): EscalationScheduler {
  const maxSleepMs = options.maxSleepMs ?? 60_000;
  const onError = options.onError ?? ((e: unknown) => console.error('escalations:', e));
  let running: Promise<void> = Promise.resolve();
  let queued = false;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const sleep = async () => {
    const next = await nextCheck(desk.db);
    const wait = next === null ? maxSleepMs : Math.min(maxSleepMs, Math.max(0, Date.parse(next) - desk.now().getTime()));
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(() => run(), wait + 5);
    timer.unref();
  };

  const run = (): Promise<void> => {
    if (queued) return running;
    queued = true;
    running = running.then(async () => {
      queued = false;
      if (stopped) return;
      try {
        await runEscalations(desk);
        await runApprovalTimeouts(desk);
        await sleep();
      } catch (error) {
        onError(error);
        clearTimeout(timer);
        if (!stopped) (timer = setTimeout(() => run(), maxSleepMs)).unref();
      }
    });
    return running;
  };

  run();
  return {
    wake: () => void run(),
    drain: () => run(),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
