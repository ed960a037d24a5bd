/**
 * One pass of the escalation scheduler: every ticket whose look is due is
 * looked at as its own unit of work — fire the rules that are due (each
 * remembered, so it fires once per cycle whoever runs the pass and however
 * late), then schedule the next look. Safe from two processes at once, after
 * a restart, and after hours of downtime: what became due meanwhile fires
 * on the first pass, once. The units of one pass share a transaction, each
 * in its own savepoint (group commit): a ticket that cannot be done rolls
 * back alone, and the pass writes and commits once instead of per ticket.
 */
import { checkDueAt, firedRules, recordFirings, scheduleCheck, ticketsToCheck } from '../db/escalations.repository.ts';
import { findTicket } from '../db/tickets.repository.ts';
import { inGroupedTransaction } from '../db/group-commit.ts';
import { escalationPlan, fireEscalations } from '../engine/tickets/escalations.ts';
import { DeskError } from '../errors.ts';
import type { DeskContext } from './desk-context.ts';
import { deskSnapshot } from './desk-snapshot.ts';
import { applyChange, loadCase } from './ticket-work.service.ts';

export interface EscalationPass {
  /** Tickets looked at. */
  checked: number;
  /** Rules fired. */
  fired: number;
}

/** A ticket whose firing changed it is looked at again at once, so rules reading the new state get their turn; this bounds it. */
const maxRounds = 20;

export async function runEscalations(desk: DeskContext, batch = 200): Promise<EscalationPass> {
  const now = desk.now();
  const at = now.toISOString();
  const pass: EscalationPass = { checked: 0, fired: 0 };
  let notified = false;
  let webhooks = false;
  for (let round = 0; round < maxRounds; round++) {
    const ids = await ticketsToCheck(desk.db, at, batch);
    const lookAt = (id: number) =>
      inGroupedTransaction(desk.db, async (trx) => {
        // Another scheduler may have looked first.
        const dueAt = await checkDueAt(trx, id);
        const ticket = dueAt !== null && dueAt <= at ? await findTicket(trx, id) : undefined;
        if (!ticket) return { fired: 0, notified: false, webhooks: false };
        const c = await loadCase(desk, trx, ticket, await deskSnapshot(desk, trx));
        c.now = now;
        const plan = escalationPlan(c, await firedRules(trx, id, ticket.escalationCycle));
        if (!plan.due.length) {
          await scheduleCheck(trx, id, ticket.rowVersion, plan.nextCheckAt);
          return { fired: 0, notified: false, webhooks: false };
        }
        await recordFirings(trx, id, ticket.escalationCycle, plan.due.map((d) => d.key), at);
        const change = fireEscalations(c, plan.due);
        await applyChange(trx, c, null, change, { escalationCheckAt: at });
        return { fired: plan.due.length, notified: change.notifications.some((n) => n.status === 'pending'), webhooks: !!change.webhooks?.length };
      }).catch((error: unknown) => {
        // Someone changed the ticket at the same moment (their change scheduled a fresh look), or fired the same rules first.
        if (error instanceof DeskError && error.status === 409) return { fired: 0, notified: false, webhooks: false };
        if (/UNIQUE constraint failed: escalation_firings/.test(String((error as Error).message))) return { fired: 0, notified: false, webhooks: false };
        throw error;
      });
    for (const outcome of await Promise.all(ids.map(lookAt))) {
      pass.checked++;
      pass.fired += outcome.fired;
      notified ||= outcome.notified;
      webhooks ||= outcome.webhooks;
    }
    if (!ids.length) break;
  }
  if (notified || webhooks) desk.onOutboxWritten?.({ webhooks });
  return pass;
}
