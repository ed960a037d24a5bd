/** When the escalation scheduler looks at tickets, and which rules already fired in which cycle. */
import type { DeskDb } from './database.ts';

/** Tickets whose look is due, earliest first: an indexed range read, however many tickets the desk holds. */
export async function ticketsToCheck(db: DeskDb, now: string, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('tickets')
    .select('id')
    .where('escalation_check_at', 'is not', null)
    .where('escalation_check_at', '<=', now)
    .orderBy('escalation_check_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** The earliest look scheduled for any ticket, to know how long to sleep. */
export async function nextCheck(db: DeskDb): Promise<string | null> {
  const row = await db
    .selectFrom('tickets')
    .select((eb) => eb.fn.min('escalation_check_at').as('at'))
    .where('escalation_check_at', 'is not', null)
    .executeTakeFirst();
  return (row?.at as string | null | undefined) ?? null;
}

export async function checkDueAt(db: DeskDb, ticketId: number): Promise<string | null> {
  const row = await db.selectFrom('tickets').select('escalation_check_at').where('id', '=', ticketId).executeTakeFirst();
  return row?.escalation_check_at ?? null;
}

/** Moves the next look without touching the ticket's version; only if nobody changed the ticket meanwhile. */
export async function scheduleCheck(db: DeskDb, ticketId: number, rowVersion: number, at: string | null): Promise<void> {
  await db.updateTable('tickets').set({ escalation_check_at: at }).where('id', '=', ticketId).where('row_version', '=', rowVersion).execute();
}

export async function firedRules(db: DeskDb, ticketId: number, cycle: number): Promise<Set<string>> {
  const rows = await db.selectFrom('escalation_firings').select('rule').where('ticket_id', '=', ticketId).where('cycle', '=', cycle).execute();
  return new Set(rows.map((r) => r.rule));
}

/** Remembers firings; the primary key refuses a second firing of a rule in a cycle, rolling back its transaction. */
export async function recordFirings(db: DeskDb, ticketId: number, cycle: number, rules: readonly string[], at: string): Promise<void> {
  if (!rules.length) return;
  await db
    .insertInto('escalation_firings')
    .values(rules.map((rule) => ({ ticket_id: ticketId, cycle, rule, fired_at: at })))
    .execute();
}
