/**
 * Closes resolved tickets whose requester never confirmed or reopened them
 * within their workflow's number of days. Safe to run twice or from two
 * processes: each ticket closes in its own transaction, only if it is still
 * resolved and due, and a ticket someone changed meanwhile is left alone.
 */
import { inTransaction } from '../db/transaction.ts';
import { findResolvedBefore, findTicket } from '../db/tickets.repository.ts';
import { autoClose, autoCloseAt } from '../engine/tickets/requester-actions.ts';
import { DeskError } from '../errors.ts';
import type { DeskContext } from './desk-context.ts';
import { deskSnapshot } from './desk-snapshot.ts';
import { applyChange, loadCase } from './ticket-work.service.ts';

/** The shortest auto-close a workflow can set; nothing resolved more recently can be due. */
const minimumDays = 1;

export async function closeUnansweredResolutions(desk: DeskContext, batch = 200): Promise<number> {
  const now = desk.now();
  const cutoff = new Date(now.getTime() - minimumDays * 24 * 60 * 60 * 1000).toISOString();
  let closed = 0;
  let after = 0;
  for (;;) {
    const ids = await findResolvedBefore(desk.db, cutoff, { afterId: after, limit: batch });
    for (const id of ids) {
      const done = await inTransaction(desk.db, async (trx) => {
        const ticket = await findTicket(trx, id);
        if (!ticket || ticket.statusClass !== 'resolved') return false;
        const c = await loadCase(desk, trx, ticket, await deskSnapshot(desk, trx));
        const due = autoCloseAt(c);
        if (!due || due > c.now) return false;
        const outcome = autoClose(c);
        if (!outcome.ok) return false;
        await applyChange(trx, c, null, outcome);
        return true;
      }).catch((error: unknown) => {
        // Someone changed the ticket at the same moment; the next run looks again.
        if (error instanceof DeskError && error.status === 409) return false;
        throw error;
      });
      if (done) closed++;
    }
    if (ids.length < batch) break;
    after = ids.at(-1)!;
  }
  if (closed) desk.onOutboxWritten?.();
  return closed;
}
