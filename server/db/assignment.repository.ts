/** What automatic assignment reads and remembers: open tickets per agent, and whose turn it is. */
import type { DeskDb } from './database.ts';
import { isActive } from './tickets.repository.ts';

/** Active tickets assigned to each of these people, across all queues. */
export async function openTicketCounts(db: DeskDb, userIds: readonly string[]): Promise<Map<string, number>> {
  if (!userIds.length) return new Map();
  const rows = await db
    .selectFrom('tickets')
    .select((eb) => ['assignee_id', eb.fn.countAll<number>().as('n')])
    .where('assignee_id', 'in', userIds)
    .where(isActive)
    .groupBy('assignee_id')
    .execute();
  return new Map(rows.map((r) => [r.assignee_id!, Number(r.n)]));
}

/** Each member's last turn in the queue's round-robin (missing = never). */
export async function assignmentTurns(db: DeskDb, queueId: string): Promise<Map<string, number>> {
  const rows = await db.selectFrom('assignment_turns').select(['user_id', 'seq']).where('queue_id', '=', queueId).execute();
  return new Map(rows.map((r) => [r.user_id, r.seq]));
}

/** Records that `userId` just got a ticket from the queue: their turn moves to the back. */
export async function takeTurn(db: DeskDb, queueId: string, userId: string): Promise<void> {
  const { max } = await db
    .selectFrom('assignment_turns')
    .select((eb) => eb.fn.max<number | null>('seq').as('max'))
    .where('queue_id', '=', queueId)
    .executeTakeFirstOrThrow();
  const seq = (max ?? 0) + 1;
  await db
    .insertInto('assignment_turns')
    .values({ queue_id: queueId, user_id: userId, seq })
    .onConflict((oc) => oc.columns(['queue_id', 'user_id']).doUpdateSet({ seq }))
    .execute();
}
