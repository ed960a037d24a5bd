/**
 * Automatic assignment: when a queue hands out its tickets (round-robin or
 * least-loaded), picks the member on shift whose turn it is and remembers it.
 */
import type { DeskDb } from '../db/database.ts';
import { assignmentTurns, openTicketCounts, takeTurn } from '../db/assignment.repository.ts';
import { isOnShift } from '../engine/assignment/on-shift.ts';
import { pickAssignee } from '../engine/assignment/pick-assignee.ts';
import type { DeskDirectory } from '../engine/intake.ts';

/** The member who should get a ticket arriving in the queue now, or null for a manual queue or nobody on shift. */
export async function nextAssignee(trx: DeskDb, directory: DeskDirectory, queueId: string, now: Date): Promise<string | null> {
  const queue = directory.queues.get(queueId);
  if (!queue || queue.assignment === 'manual' || !queue.members.length) return null;
  const rota = directory.groups?.get(queue.group)?.rota;
  const ids = queue.members.map((m) => m.id);
  const [loads, turns] = await Promise.all([openTicketCounts(trx, ids), assignmentTurns(trx, queueId)]);
  const picked = pickAssignee(
    queue.assignment,
    queue.members.map((m) => ({ id: m.id, onShift: isOnShift(rota, m.email, now), openTickets: loads.get(m.id) ?? 0, lastAssignedSeq: turns.get(m.id) ?? 0 })),
  );
  if (picked) await takeTurn(trx, queueId, picked);
  return picked;
}
