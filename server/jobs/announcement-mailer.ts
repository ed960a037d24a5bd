/**
 * Mails announcements to their audience: takes each running mailing a
 * batch at a time (its people, their mail and the cursor in one
 * transaction), pausing between batches so requests keep being answered.
 * Carries on after a restart from the cursor the last batch committed.
 */
import { mailNextBatch, runningMailings } from '../announcements/announcements.service.ts';
import type { DeskContext } from '../services/desk-context.ts';

export interface AnnouncementMailer {
  /** Starts a pass soon (coalesced with one already running). */
  wake(): void;
  /** Resolves when nothing is left to mail. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

export interface MailerOptions {
  batchSize?: number;
  /** The pause between batches, so 10,000 people never hold up the desk. */
  pauseMs?: number;
  onError?: (error: unknown) => void;
}

export function startAnnouncementMailer(desk: DeskContext, options: MailerOptions = {}): AnnouncementMailer {
  const o = { batchSize: 100, pauseMs: 20, onError: (e: unknown) => console.error('announcement mailer:', e), ...options };
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const pause = () => new Promise((resolve) => setTimeout(resolve, o.pauseMs));

  const pass = async () => {
    for (const id of await runningMailings(desk.db)) {
      while (!stopped && (await mailNextBatch(desk, id, o.batchSize)) > 0) await pause();
    }
  };

  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await pass();
        } while (again && !stopped);
      } catch (error) {
        o.onError(error);
      } finally {
        running = null;
      }
    })();
    return running;
  };

  run();
  return {
    wake: () => void run(),
    drain: () => run(),
    async stop() {
      stopped = true;
      await running;
    },
  };
}
