/**
 * Announcements in the store: free functions, `db` first, so they run inside
 * the caller's transaction. The mailing's cursor and its per-person rows
 * live here too.
 */
import { sql } from 'kysely';
import type { DeskDb } from '../db/database.ts';
import { formatTicketNumber } from '../engine/intake.ts';
import type { WorkflowDefinition } from '../engine/workflow/workflow.schema.ts';
import type { AnnouncementAudience, Severity } from './announcements.schema.ts';

export interface AnnouncementRecord {
  id: number;
  severity: Severity;
  audience: AnnouncementAudience;
  translations: Record<string, { title: string; body: string }>;
  services: string[];
  startsAt: string;
  endsAt: string;
  endedAt: string | null;
  incidentTicketId: number | null;
  incidentNumber: string | null;
  rowVersion: number;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
  updatedAt: string;
  updatedBy: { id: string; name: string } | null;
}

export interface MailingRecord {
  announcementId: number;
  status: 'running' | 'done';
  cursor: string | null;
  queued: number;
  total: number;
  startedAt: string;
  finishedAt: string | null;
}

export interface NoticeValues {
  severity: string;
  audience: string;
  translations: Record<string, { title: string; body: string }>;
  services: readonly string[];
  startsAt: string;
  endsAt: string;
  incidentTicketId: number | null;
}

const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? id } : null);

function base(db: DeskDb) {
  return db
    .selectFrom('announcements as a')
    .leftJoin('users as c', 'c.id', 'a.created_by')
    .leftJoin('users as u', 'u.id', 'a.updated_by')
    .leftJoin('tickets as t', 't.id', 'a.incident_ticket_id')
    .selectAll('a')
    .select(['c.name as created_by_name', 'u.name as updated_by_name', 't.kind as incident_kind']);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

function toRecord(r: BaseRow): AnnouncementRecord {
  return {
    id: r.id,
    severity: r.severity as Severity,
    audience: r.audience as AnnouncementAudience,
    translations: JSON.parse(r.translations) as AnnouncementRecord['translations'],
    services: JSON.parse(r.services) as string[],
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    endedAt: r.ended_at,
    incidentTicketId: r.incident_ticket_id,
    incidentNumber: r.incident_ticket_id && r.incident_kind ? formatTicketNumber(r.incident_kind as WorkflowDefinition['kind'], r.incident_ticket_id) : null,
    rowVersion: r.row_version,
    createdAt: r.created_at,
    createdBy: person(r.created_by, r.created_by_name),
    updatedAt: r.updated_at,
    updatedBy: person(r.updated_by, r.updated_by_name),
  };
}

const columns = (v: NoticeValues) => ({
  severity: v.severity,
  audience: v.audience,
  translations: JSON.stringify(v.translations),
  services: JSON.stringify(v.services),
  starts_at: v.startsAt,
  ends_at: v.endsAt,
  incident_ticket_id: v.incidentTicketId,
});

export async function insertAnnouncement(db: DeskDb, v: NoticeValues, by: string, at: string): Promise<number> {
  const row = await db
    .insertInto('announcements')
    .values({ ...columns(v), created_by: by, created_at: at, updated_by: by, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Saves new values if the row is still at `expected`; false when someone else saved first. */
export async function updateAnnouncement(db: DeskDb, id: number, expected: number, patch: Partial<NoticeValues> & { endedAt?: string }, by: string, at: string): Promise<boolean> {
  const values = patch.severity !== undefined ? columns(patch as NoticeValues) : {};
  const result = await db
    .updateTable('announcements')
    .set({
      ...values,
      ...(patch.endedAt !== undefined ? { ended_at: patch.endedAt } : {}),
      updated_by: by,
      updated_at: at,
      row_version: sql<number>`row_version + 1`,
    })
    .where('id', '=', id)
    .where('row_version', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findAnnouncement(db: DeskDb, id: number): Promise<AnnouncementRecord | undefined> {
  const row = await base(db).where('a.id', '=', id).executeTakeFirst();
  return row && toRecord(row);
}

/** Newest first by start, `before` the id of the last one of the previous page. */
export async function listAnnouncements(db: DeskDb, page: { limit: number; beforeId?: number }): Promise<AnnouncementRecord[]> {
  let q = base(db);
  if (page.beforeId !== undefined) q = q.where('a.id', '<', page.beforeId);
  const rows = await q.orderBy('a.id', 'desc').limit(page.limit).execute();
  return rows.map(toRecord);
}

/** The notices live at `now` for any of `audiences`: started, and neither ended nor past their expected end. */
export async function liveAnnouncements(db: DeskDb, now: string, audiences: readonly string[]): Promise<AnnouncementRecord[]> {
  const rows = await base(db)
    .where('a.starts_at', '<=', now)
    .where('a.ends_at', '>', now)
    .where((w) => w.or([w('a.ended_at', 'is', null), w('a.ended_at', '>', now)]))
    .where('a.audience', 'in', audiences)
    .orderBy('a.starts_at', 'desc')
    .execute();
  return rows.map(toRecord);
}

const toMailing = (r: { announcement_id: number; status: string; cursor: string | null; queued: number; total: number; started_at: string; finished_at: string | null }): MailingRecord => ({
  announcementId: r.announcement_id,
  status: r.status as MailingRecord['status'],
  cursor: r.cursor,
  queued: r.queued,
  total: r.total,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

export async function findMailing(db: DeskDb, announcementId: number): Promise<MailingRecord | undefined> {
  const row = await db.selectFrom('announcement_mailings').selectAll().where('announcement_id', '=', announcementId).executeTakeFirst();
  return row && toMailing(row);
}

export async function findMailings(db: DeskDb, ids: readonly number[]): Promise<Map<number, MailingRecord>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('announcement_mailings').selectAll().where('announcement_id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.announcement_id, toMailing(r)]));
}

/** Starts a mailing; false when the notice already has one (it is mailed once). */
export async function insertMailing(db: DeskDb, announcementId: number, total: number, by: string, at: string): Promise<boolean> {
  const existing = await db.selectFrom('announcement_mailings').select('announcement_id').where('announcement_id', '=', announcementId).executeTakeFirst();
  if (existing) return false;
  await db.insertInto('announcement_mailings').values({ announcement_id: announcementId, status: 'running', cursor: null, total, requested_by: by, started_at: at }).execute();
  return true;
}

export async function runningMailings(db: DeskDb): Promise<number[]> {
  const rows = await db.selectFrom('announcement_mailings').select('announcement_id').where('status', '=', 'running').orderBy('announcement_id').execute();
  return rows.map((r) => r.announcement_id);
}

export async function advanceMailing(db: DeskDb, announcementId: number, cursor: string, added: number): Promise<void> {
  await db
    .updateTable('announcement_mailings')
    .set({ cursor, queued: sql<number>`queued + ${added}` })
    .where('announcement_id', '=', announcementId)
    .execute();
}

export async function finishMailing(db: DeskDb, announcementId: number, at: string): Promise<void> {
  await db.updateTable('announcement_mailings').set({ status: 'done', finished_at: at }).where('announcement_id', '=', announcementId).execute();
}

const staffRoles = ['agent', 'specialist', 'manager', 'admin'];

/** The roles whose holders belong to an audience; null for everyone. */
const audienceRoles = (audience: string): string[] | null => (audience === 'requesters' ? ['requester'] : audience === 'staff' ? staffRoles : null);

function audienceUsers(db: DeskDb, audience: string) {
  const roles = audienceRoles(audience);
  let q = db.selectFrom('users').where('deactivated_at', 'is', null).where('email', '!=', '');
  // Roles are a JSON array of names as text: '["agent","manager"]'.
  if (roles) q = q.where((w) => w.or(roles.map((r) => w('roles', 'like', `%"${r}"%`))));
  return q;
}

export async function countAudience(db: DeskDb, audience: string): Promise<number> {
  const row = await audienceUsers(db, audience).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The next active people of the audience after `cursor`, in id order. */
export async function audienceAfter(db: DeskDb, audience: string, cursor: string | null, limit: number): Promise<{ id: string; email: string; name: string; locale: string; timeZone: string }[]> {
  let q = audienceUsers(db, audience).select(['id', 'email', 'name', 'locale', 'time_zone']);
  if (cursor !== null) q = q.where('id', '>', cursor);
  const rows = await q.orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, email: r.email, name: r.name, locale: r.locale, timeZone: r.time_zone }));
}

/** Records who is mailed; returns the ids newly recorded (someone already mailed is left out). */
export async function insertRecipients(db: DeskDb, announcementId: number, userIds: readonly string[], at: string): Promise<Set<string>> {
  if (!userIds.length) return new Set();
  const already = await db
    .selectFrom('announcement_recipients')
    .select('user_id')
    .where('announcement_id', '=', announcementId)
    .where('user_id', 'in', userIds)
    .execute();
  const skip = new Set(already.map((r) => r.user_id));
  const fresh = userIds.filter((id) => !skip.has(id));
  if (fresh.length) await db.insertInto('announcement_recipients').values(fresh.map((user_id) => ({ announcement_id: announcementId, user_id, created_at: at }))).execute();
  return new Set(fresh);
}
