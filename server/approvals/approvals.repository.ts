/** Approval steps, votes and the link key: small free functions, `db` first, so they run inside a transaction. */
import type { DeskDb } from '../db/database.ts';

export interface StepRow {
  id: number;
  ticketId: number;
  stepIndex: number;
  stepId: string;
  need: 'any' | 'all' | number;
  status: 'open' | 'approved' | 'rejected';
  startedAt: string;
  nextCheckAt: string | null;
  reminders: number;
  timedOutAt: string | null;
}

export interface VoteRow {
  id: number;
  stepRowId: number;
  ticketId: number;
  approverId: string;
  decision: 'approved' | 'rejected' | null;
  comment: string | null;
  decidedAt: string | null;
  linkExpiresAt: string;
}

const toStep = (r: { id: number; ticket_id: number; step_index: number; step_id: string; need: string; status: string; started_at: string; next_check_at: string | null; reminders: number; timed_out_at: string | null }): StepRow => ({
  id: r.id,
  ticketId: r.ticket_id,
  stepIndex: r.step_index,
  stepId: r.step_id,
  need: JSON.parse(r.need) as StepRow['need'],
  status: r.status as StepRow['status'],
  startedAt: r.started_at,
  nextCheckAt: r.next_check_at,
  reminders: r.reminders,
  timedOutAt: r.timed_out_at,
});

const toVote = (r: { id: number; step_row_id: number; ticket_id: number; approver_id: string; decision: string | null; comment: string | null; decided_at: string | null; link_expires_at: string }): VoteRow => ({
  id: r.id,
  stepRowId: r.step_row_id,
  ticketId: r.ticket_id,
  approverId: r.approver_id,
  decision: r.decision as VoteRow['decision'],
  comment: r.comment,
  decidedAt: r.decided_at,
  linkExpiresAt: r.link_expires_at,
});

export async function linkSecret(db: DeskDb): Promise<string> {
  const row = await db.selectFrom('approval_keys').select('secret').where('id', '=', 'links').executeTakeFirstOrThrow();
  return row.secret;
}

export async function insertStep(db: DeskDb, s: { ticketId: number; stepIndex: number; stepId: string; need: StepRow['need']; at: string; nextCheckAt: string | null }): Promise<StepRow> {
  const row = await db
    .insertInto('approval_steps')
    .values({ ticket_id: s.ticketId, step_index: s.stepIndex, step_id: s.stepId, need: JSON.stringify(s.need), status: 'open', started_at: s.at, next_check_at: s.nextCheckAt })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toStep(row);
}

export async function insertVotes(db: DeskDb, stepRowId: number, ticketId: number, approverIds: readonly string[], at: string, linkExpiresAt: string): Promise<VoteRow[]> {
  if (!approverIds.length) return [];
  const rows = await db
    .insertInto('approval_votes')
    .values(approverIds.map((id) => ({ step_row_id: stepRowId, ticket_id: ticketId, approver_id: id, created_at: at, link_expires_at: linkExpiresAt })))
    .onConflict((oc) => oc.columns(['step_row_id', 'approver_id']).doNothing())
    .returningAll()
    .execute();
  return rows.map(toVote);
}

export async function findStep(db: DeskDb, id: number): Promise<StepRow | undefined> {
  const row = await db.selectFrom('approval_steps').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toStep(row);
}

export async function findVote(db: DeskDb, id: number): Promise<VoteRow | undefined> {
  const row = await db.selectFrom('approval_votes').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toVote(row);
}

export async function votesOfStep(db: DeskDb, stepRowId: number): Promise<VoteRow[]> {
  const rows = await db.selectFrom('approval_votes').selectAll().where('step_row_id', '=', stepRowId).orderBy('id').execute();
  return rows.map(toVote);
}

/** Records a vote once: false when it was already decided (a second click, a race). */
export async function decideVote(db: DeskDb, id: number, v: { decision: 'approved' | 'rejected'; comment: string | null; at: string; via: 'link' | 'desk' }): Promise<boolean> {
  const result = await db
    .updateTable('approval_votes')
    .set({ decision: v.decision, comment: v.comment, decided_at: v.at, via: v.via })
    .where('id', '=', id)
    .where('decision', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Settles an open step once: false when it was already settled. */
export async function settleStep(db: DeskDb, id: number, status: 'approved' | 'rejected', at: string): Promise<boolean> {
  const result = await db
    .updateTable('approval_steps')
    .set({ status, decided_at: at, next_check_at: null })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function scheduleStep(db: DeskDb, id: number, s: { nextCheckAt: string | null; reminders: number; timedOutAt: string | null }): Promise<void> {
  await db.updateTable('approval_steps').set({ next_check_at: s.nextCheckAt, reminders: s.reminders, timed_out_at: s.timedOutAt }).where('id', '=', id).execute();
}

export async function dueSteps(db: DeskDb, at: string, limit: number): Promise<StepRow[]> {
  const rows = await db
    .selectFrom('approval_steps')
    .selectAll()
    .where('next_check_at', 'is not', null)
    .where('next_check_at', '<=', at)
    .where('status', '=', 'open')
    .orderBy('next_check_at')
    .limit(limit)
    .execute();
  return rows.map(toStep);
}

/** The votes waiting for this person on steps still open, oldest first. */
export async function waitingVotes(db: DeskDb, approverId: string): Promise<(VoteRow & { stepId: string })[]> {
  const rows = await db
    .selectFrom('approval_votes as v')
    .innerJoin('approval_steps as s', 's.id', 'v.step_row_id')
    .selectAll('v')
    .select('s.step_id')
    .where('v.approver_id', '=', approverId)
    .where('v.decision', 'is', null)
    .where('s.status', '=', 'open')
    .orderBy('v.id')
    .execute();
  return rows.map((r) => ({ ...toVote(r), stepId: r.step_id }));
}

export async function managerIdOf(db: DeskDb, userId: string): Promise<string | null> {
  const row = await db.selectFrom('users').select('manager_id').where('id', '=', userId).executeTakeFirst();
  return row?.manager_id ?? null;
}

export async function setManager(db: DeskDb, userId: string, managerId: string | null): Promise<void> {
  await db.updateTable('users').set({ manager_id: managerId }).where('id', '=', userId).execute();
}

/** Active accounts by e-mail address (case-insensitive), for approvers named by address. */
export async function activeUserIdsByEmail(db: DeskDb, emails: readonly string[]): Promise<string[]> {
  if (!emails.length) return [];
  const lower = [...new Set(emails.map((e) => e.toLowerCase()))];
  const rows = await db.selectFrom('users').select(['id', 'email']).where('deactivated_at', 'is', null).execute();
  return rows.filter((r) => lower.includes(r.email.toLowerCase())).map((r) => r.id);
}

export async function activeGroupMemberIds(db: DeskDb, groupId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('group_members')
    .innerJoin('users', 'users.id', 'group_members.user_id')
    .select('users.id')
    .where('group_members.group_id', '=', groupId)
    .where('users.deactivated_at', 'is', null)
    .orderBy('users.id')
    .execute();
  return rows.map((r) => r.id);
}
