/** What admins do with deliveries: page through them, and put a given-up one back in line. */
import { findMessage, listOutbox, retryMessage, type OutboxMessage } from '../db/outbox.repository.ts';
import { DeskError, notFound } from '../errors.ts';
import type { DeskContext } from './desk-context.ts';

export async function outboxPage(desk: DeskContext, q: { status?: OutboxMessage['status']; cursor?: string; limit: number }) {
  const items = await listOutbox(desk.db, {
    limit: q.limit + 1,
    ...(q.cursor ? { beforeId: Number(q.cursor) } : {}),
    ...(q.status ? { status: q.status } : {}),
  });
  const page = items.slice(0, q.limit);
  return { items: page, next: items.length > q.limit ? String(page.at(-1)!.id) : null };
}

export async function retryDelivery(desk: DeskContext, id: number): Promise<OutboxMessage> {
  const retried = await retryMessage(desk.db, id, desk.now().toISOString());
  if (!retried) {
    const message = await findMessage(desk.db, id);
    if (!message) throw notFound(`Message ${id}`);
    throw new DeskError(409, 'conflict', `Message ${id} is ${message.status}: only a failed message can be retried`);
  }
  desk.onOutboxWritten?.();
  return retried;
}
