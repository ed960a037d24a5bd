/** Runs the auto-close of unanswered resolutions on start and then hourly; a failed run is logged and retried next time. */
import { closeUnansweredResolutions } from '../services/auto-close.service.ts';
import type { DeskContext } from '../services/desk-context.ts';

export interface AutoCloseJob {
  stop(): Promise<void>;
}

export function startAutoClose(desk: DeskContext, options: { intervalMs?: number; onError?: (e: unknown) => void } = {}): AutoCloseJob {
  const intervalMs = options.intervalMs ?? 60 * 60 * 1000;
  const onError = options.onError ?? ((e: unknown) => console.error('auto-close:', e));
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = running.then(() => closeUnansweredResolutions(desk)).catch(onError);
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  run();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
