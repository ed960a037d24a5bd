/** Notifications waiting to be delivered, written in the same transaction as the change that caused them. */
import type { DeskDb } from './database.ts';
import { isPostgres } from './dialect.ts';
import type { OutboxRow } from './schema.ts';
import type { OutboxMessage } from '../engine/template.schema.ts';

export type { OutboxMessage };

function toMessage(r: OutboxRow): OutboxMessage {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    kind: r.kind as OutboxMessage['kind'],
    template: r.template,
    locale: r.locale,
    recipient: r.recipient,
    subject: r.subject,
    text: r.text_body,
    html: r.html_body,
    status: r.status as OutboxMessage['status'],
    attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}

export async function insertOutbox(
  db: DeskDb,
  ticketId: number | null,
  at: string,
  messages: readonly { template: string; locale: string; recipient: string; subject: string; text: string; html: string; status: 'pending' | 'failed'; error?: string }[],
): Promise<void> {
  if (!messages.length) return;
  await db
    .insertInto('outbox')
    .values(
      messages.map((m) => ({
        ticket_id: ticketId,
        template: m.template,
        locale: m.locale,
        recipient: m.recipient,
        subject: m.subject,
        text_body: m.text,
        html_body: m.html,
        status: m.status,
        attempts: 0,
        last_error: m.error ?? null,
        next_attempt_at: at,
        created_at: at,
      })),
    )
    .execute();
}

/** Webhook deliveries ride the outbox too: the same retries, the same dead letters. */
export async function insertWebhooks(
  db: DeskDb,
  ticketId: number | null,
  at: string,
  webhooks: readonly { url: string; event: string; payload: Record<string, unknown> }[],
): Promise<void> {
  if (!webhooks.length) return;
  await db
    .insertInto('outbox')
    .values(
      webhooks.map((w) => ({
        ticket_id: ticketId,
        kind: 'webhook',
        template: w.event,
        locale: '',
        recipient: w.url,
        subject: w.event,
        text_body: JSON.stringify(w.payload),
        html_body: '',
        status: 'pending',
        attempts: 0,
        next_attempt_at: at,
        created_at: at,
      })),
    )
    .execute();
}

/** Puts a given-up message back in line, as if new; its last error stays until it is delivered. */
export async function retryMessage(db: DeskDb, id: number, at: string): Promise<OutboxMessage | undefined> {
  const row = await db
    .updateTable('outbox')
    .set({ status: 'pending', attempts: 0, next_attempt_at: at, claimed_until: null })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .returningAll()
    .executeTakeFirst();
  return row && toMessage(row);
}

export async function findMessage(db: DeskDb, id: number): Promise<OutboxMessage | undefined> {
  const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toMessage(row);
}

/** Whether anything of these kinds is due: a read, so an idle dispatcher never takes the write lock. */
export async function anyDue(db: DeskDb, now: string, kinds: readonly string[]): Promise<boolean> {
  const row = await db
    .selectFrom('outbox')
    .select('id')
    .where('status', '=', 'pending')
    .where('kind', 'in', kinds)
    .where('next_attempt_at', '<=', now)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Claims up to `limit` due messages until `claimUntil`, so a second
 * dispatcher (or a restart) does not send them again while they are in flight.
 */
export async function claimDue(db: DeskDb, now: string, claimUntil: string, limit: number, kinds: readonly string[] = ['mail', 'webhook']): Promise<OutboxMessage[]> {
  const rows = await db
    .updateTable('outbox')
    .set((eb) => ({ claimed_until: claimUntil, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('kind', 'in', kinds)
        .where('next_attempt_at', '<=', now)
        .where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<', now)]))
        .orderBy('id')
        .limit(limit)
        // PostgreSQL: two desks on one database claim disjoint rows (SQLite has one writer at a time).
        .$if(isPostgres(db), (q) => q.forUpdate().skipLocked()),
    )
    .returningAll()
    .execute();
  return rows.map(toMessage).sort((a, b) => a.id - b.id);
}

export async function markSent(db: DeskDb, id: number, at: string): Promise<void> {
  await db.updateTable('outbox').set({ status: 'sent', sent_at: at, claimed_until: null, last_error: null }).where('id', '=', id).execute();
}

/** Records a failed attempt: retried at `retryAt`, or given up when `retryAt` is null. */
export async function markAttemptFailed(db: DeskDb, id: number, error: string, retryAt: string | null): Promise<void> {
  await db
    .updateTable('outbox')
    .set(retryAt ? { last_error: error, next_attempt_at: retryAt, claimed_until: null } : { last_error: error, status: 'failed', claimed_until: null })
    .where('id', '=', id)
    .execute();
}

export async function listOutbox(db: DeskDb, page: { limit: number; beforeId?: number; status?: string }): Promise<OutboxMessage[]> {
  let query = db.selectFrom('outbox').selectAll();
  if (page.beforeId !== undefined) query = query.where('id', '<', page.beforeId);
  if (page.status) query = query.where('status', '=', page.status);
  const rows = await query.orderBy('id', 'desc').limit(page.limit).execute();
  return rows.map(toMessage);
}
