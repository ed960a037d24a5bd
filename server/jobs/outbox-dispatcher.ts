/**
 * Delivers the outbox: claims due messages (so two dispatchers never send
 * one twice while it is in flight), sends each, and marks it sent or
 * schedules a retry with back-off. Woken after each change that queued mail,
 * and on a timer for retries.
 */
import { threadIds, type MailChannel } from '../channels/smtp.ts';
import { PermanentDeliveryError, type WebhookChannel } from '../channels/webhook.ts';
import type { DeskDb } from '../db/database.ts';
import { anyDue, claimDue, markAttemptFailed, markSent, type OutboxMessage } from '../db/outbox.repository.ts';

export interface OutboxDispatcher {
  /** Starts a pass soon (coalesced with one already running). */
  wake(): void;
  /** Runs passes until nothing is due; resolves when done. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

export interface DispatcherOptions {
  db: DeskDb;
  /** Null when no SMTP server is configured: mail waits in the outbox until one is. */
  channel: MailChannel | null;
  webhooks: WebhookChannel;
  /** The domain of the desk's Message-IDs. */
  mailDomain: string;
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
  const deliver = (m: OutboxMessage): Promise<void> =>
    m.kind === 'webhook'
      ? o.webhooks.post({ url: m.recipient, event: m.subject, deliveryId: m.id, body: m.text })
      : o.channel!.send({ to: m.recipient, subject: m.subject, text: m.text, html: m.html, ...threadIds(m.ticketId, m.id, o.mailDomain) });
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const pass = async (): Promise<number> => {
    const now = o.now();
    const kinds = o.channel ? ['mail', 'webhook'] : ['webhook'];
    if (!(await anyDue(o.db, now.toISOString(), kinds))) return 0;
    const due = await claimDue(o.db, now.toISOString(), new Date(now.getTime() + o.claimMs).toISOString(), o.batchSize, kinds);
    for (const message of due) {
      try {
        await deliver(message);
        await markSent(o.db, message.id, o.now().toISOString());
      } catch (error) {
        const giveUp = error instanceof PermanentDeliveryError || message.attempts >= o.maxAttempts;
        const retryAt = giveUp ? null : new Date(o.now().getTime() + backoffMs(message.attempts)).toISOString();
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
      o.channel?.close();
    },
  };
}
