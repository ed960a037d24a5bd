/**
 * Delivers the outbox: claims due messages (so two dispatchers never send
 * one twice while it is in flight), sends each, and marks it sent or
 * schedules a retry with back-off. Woken after each change that queued mail,
 * and on a timer for retries.
 */
import type { MailChannel } from '../channels/smtp.ts';
import type { DeskDb } from '../db/database.ts';
import { claimDue, markAttemptFailed, markSent } from '../db/outbox.repository.ts';

export interface OutboxDispatcher {
  /** Starts a pass soon (coalesced with one already running). */
  wake(): void;
  /** Runs passes until nothing is due; resolves when done. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

export interface DispatcherOptions {
  db: DeskDb;
  channel: MailChannel;
  now?: () => Date;
  batchSize?: number;
  /** How long a claim lasts before another dispatcher may retry the message. */
  claimMs?: number;
  pollMs?: number;
  maxAttempts?: number;
  onError?: (error: unknown) => void;
}

/** 1 min, 2 min, 4 min… capped at an hour. */
const backoffMs = (attempt: number) => Math.min(60_000 * 2 ** (attempt - 1), 3_600_000);

export function startOutboxDispatcher(options: DispatcherOptions): OutboxDispatcher {
  const o = { batchSize: 20, claimMs: 120_000, pollMs: 30_000, maxAttempts: 8, now: () => new Date(), onError: (e: unknown) => console.error('outbox:', e), ...options };
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const pass = async (): Promise<number> => {
    const now = o.now();
    const due = await claimDue(o.db, now.toISOString(), new Date(now.getTime() + o.claimMs).toISOString(), o.batchSize);
    for (const message of due) {
      try {
        await o.channel.send({ to: message.recipient, subject: message.subject, text: message.text, html: message.html });
        await markSent(o.db, message.id, o.now().toISOString());
      } catch (error) {
        const retryAt = message.attempts >= o.maxAttempts ? null : new Date(o.now().getTime() + backoffMs(message.attempts)).toISOString();
        await markAttemptFailed(o.db, message.id, (error as Error).message ?? String(error), retryAt);
      }
    }
    return due.length;
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
          while (!stopped && (await pass()) > 0);
        } while (again && !stopped);
      } catch (error) {
        o.onError(error);
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const timer = setInterval(() => void run(), o.pollMs);
  timer.unref();
  return {
    wake: () => void run(),
    drain: () => run(),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      o.channel.close();
    },
  };
}
