/** Alert sources, tracked alerts, the alert log and recent POST bodies: free functions, `db` first, one query each. */
import { sql } from 'kysely';
import type { DeskDb } from '../db/database.ts';
import type { AlertLogTable, AlertSourcesTable, AlertsTable } from '../db/schema.ts';
import type { Insertable, Selectable } from 'kysely';
import type { AlertLogEntry, AlertMapping, AlertOutcome, AlertSource, TrackedAlert } from './alerts.schema.ts';
import { safeLink, type KnownAlert } from './alert-rules.ts';

export interface StoredSource extends AlertSource {
  requesterId: string;
}

const toSource = (r: Selectable<AlertSourcesTable>): StoredSource => ({
  id: r.id,
  name: r.name,
  kind: r.kind as AlertSource['kind'],
  workflow: r.workflow_id,
  mapping: JSON.parse(r.mapping) as AlertMapping,
  autoResolve: r.auto_resolve === 1,
  flapMinutes: r.flap_minutes,
  url: `/api/alerts/${r.id}`,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  tokenRotatedAt: r.token_rotated_at,
  rowVersion: r.row_version,
  requesterId: r.requester_id,
});

export async function listSources(db: DeskDb): Promise<StoredSource[]> {
  return (await db.selectFrom('alert_sources').selectAll().orderBy('name').execute()).map(toSource);
}

export async function findSource(db: DeskDb, id: string): Promise<StoredSource | undefined> {
  const row = await db.selectFrom('alert_sources').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toSource(row);
}

/** The source and its token hash, for checking a POST's token. */
export async function findSourceWithHash(db: DeskDb, id: string): Promise<{ source: StoredSource; tokenHash: string } | undefined> {
  const row = await db.selectFrom('alert_sources').selectAll().where('id', '=', id).executeTakeFirst();
  return row && { source: toSource(row), tokenHash: row.token_hash };
}

export async function insertSource(db: DeskDb, s: Omit<StoredSource, 'url' | 'rowVersion' | 'updatedAt' | 'tokenRotatedAt'> & { tokenHash: string }): Promise<void> {
  await db
    .insertInto('alert_sources')
    .values({
      id: s.id,
      name: s.name,
      kind: s.kind,
      token_hash: s.tokenHash,
      workflow_id: s.workflow,
      mapping: JSON.stringify(s.mapping),
      auto_resolve: s.autoResolve ? 1 : 0,
      flap_minutes: s.flapMinutes,
      requester_id: s.requesterId,
      created_at: s.createdAt,
      updated_at: s.createdAt,
      token_rotated_at: s.createdAt,
      row_version: 1,
    })
    .execute();
}

/** Changes a source if it is still at `rowVersion`; false when someone changed it first. */
export async function updateSource(
  db: DeskDb,
  id: string,
  rowVersion: number,
  s: Pick<StoredSource, 'name' | 'kind' | 'workflow' | 'mapping' | 'autoResolve' | 'flapMinutes'>,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('alert_sources')
    .set({
      name: s.name,
      kind: s.kind,
      workflow_id: s.workflow,
      mapping: JSON.stringify(s.mapping),
      auto_resolve: s.autoResolve ? 1 : 0,
      flap_minutes: s.flapMinutes,
      updated_at: at,
      row_version: rowVersion + 1,
    })
    .where('id', '=', id)
    .where('row_version', '=', rowVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function setSourceToken(db: DeskDb, id: string, tokenHash: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('alert_sources')
    .set((eb) => ({ token_hash: tokenHash, token_rotated_at: at, updated_at: at, row_version: eb('row_version', '+', 1) }))
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** True when this body came from the source since `since`; records it as seen now either way. */
export async function seenBody(db: DeskDb, sourceId: string, bodyHash: string, since: string, at: string): Promise<boolean> {
  const earlier = await db
    .selectFrom('alert_posts')
    .select('received_at')
    .where('source_id', '=', sourceId)
    .where('body_hash', '=', bodyHash)
    .executeTakeFirst();
  if (earlier && earlier.received_at >= since) return true;
  await db
    .insertInto('alert_posts')
    .values({ source_id: sourceId, body_hash: bodyHash, received_at: at })
    .onConflict((oc) => oc.columns(['source_id', 'body_hash']).doUpdateSet({ received_at: at }))
    .execute();
  return false;
}

/** Forgets bodies older than `before`, so the table stays small. */
export async function forgetBodies(db: DeskDb, sourceId: string, before: string): Promise<void> {
  await db.deleteFrom('alert_posts').where('source_id', '=', sourceId).where('received_at', '<', before).execute();
}

export type Known = KnownAlert & { id: number; count: number; assigneeId: string | null };

/** The newest alert tracked under each of these keys, with its incident's state. */
export async function findKnownAlerts(db: DeskDb, sourceId: string, dedupKeys: readonly string[]): Promise<Map<string, Known>> {
  const found = new Map<string, Known>();
  // SQLite allows 32766 bound values; a payload holds at most 1000 alerts.
  if (!dedupKeys.length) return found;
  const rows = await db
    .selectFrom('alerts')
    .leftJoin('tickets', 'tickets.id', 'alerts.ticket_id')
    .select([
      'alerts.id',
      'alerts.dedup_key',
      'alerts.status',
      'alerts.review',
      'alerts.ticket_id',
      'alerts.count',
      'alerts.resolved_at',
      'tickets.state_class',
      'tickets.resolved_at as ticket_resolved_at',
      'tickets.assignee_id',
    ])
    .where('alerts.source_id', '=', sourceId)
    .where('alerts.dedup_key', 'in', [...new Set(dedupKeys)])
    .orderBy('alerts.id', 'asc')
    .execute();
  // In id order, so the newest alert of a key is the one left in the map.
  for (const row of rows) {
    found.set(row.dedup_key, {
      id: row.id,
      count: row.count,
      status: row.status as KnownAlert['status'],
      review: row.review as KnownAlert['review'],
      ticketId: row.ticket_id,
      ticketClass: row.state_class ?? null,
      resolvedAt: row.resolved_at ?? row.ticket_resolved_at ?? null,
      assigneeId: row.assignee_id ?? null,
    });
  }
  return found;
}

/** The newest alert tracked under a key, with its incident's state. */
export async function findKnownAlert(db: DeskDb, sourceId: string, dedupKey: string): Promise<Known | undefined> {
  return (await findKnownAlerts(db, sourceId, [dedupKey])).get(dedupKey);
}

/** "Fired again" history for many incidents at once (no comments among them, so nothing to index). */
export async function insertSightings(db: DeskDb, rows: { ticketId: number; actorId: string; at: string; data: Record<string, unknown> }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('ticket_events')
      .values(rows.slice(i, i + 500).map((r) => ({ ticket_id: r.ticketId, type: 'alert.fired', actor_id: r.actorId, data: JSON.stringify(r.data), created_at: r.at })))
      .execute();
  }
}

export async function insertAlert(db: DeskDb, a: Omit<Insertable<AlertsTable>, 'id'>): Promise<number> {
  const row = await db.insertInto('alerts').values(a).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Another sighting of a tracked alert. */
export async function sightAlert(db: DeskDb, id: number, s: { status: string; at: string; resolvedAt?: string | null }): Promise<number> {
  const row = await db
    .updateTable('alerts')
    .set((eb) => ({
      count: eb('count', '+', 1),
      last_seen_at: s.at,
      status: s.status,
      ...(s.resolvedAt !== undefined ? { resolved_at: s.resolvedAt } : {}),
    }))
    .where('id', '=', id)
    .returning('count')
    .executeTakeFirstOrThrow();
  return row.count;
}

export async function setAlertReview(
  db: DeskDb,
  id: number,
  r: { review: string; ticketId?: number | null; reason?: string | null; by: string; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('alerts')
    .set({ review: r.review, ...(r.ticketId !== undefined ? { ticket_id: r.ticketId } : {}), review_reason: r.reason ?? null, reviewed_by: r.by, reviewed_at: r.at })
    .where('id', '=', id)
    .where('review', '=', 'awaiting')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function insertLogEntries(db: DeskDb, entries: Omit<Insertable<AlertLogTable>, 'id'>[]): Promise<void> {
  // SQLite allows 32766 bound values; eleven columns a row.
  for (let i = 0; i < entries.length; i += 500) await db.insertInto('alert_log').values(entries.slice(i, i + 500)).execute();
}

type AlertRow = Selectable<AlertsTable> & { source_name: string };

const toAlert = (r: AlertRow): TrackedAlert => ({
  id: r.id,
  source: { id: r.source_id, name: r.source_name },
  dedupKey: r.dedup_key,
  status: r.status as TrackedAlert['status'],
  review: r.review as TrackedAlert['review'],
  ticketId: r.ticket_id,
  count: r.count,
  firstSeenAt: r.first_seen_at,
  lastSeenAt: r.last_seen_at,
  resolvedAt: r.resolved_at,
  labels: JSON.parse(r.labels) as Record<string, string>,
  annotations: JSON.parse(r.annotations) as Record<string, string>,
  generatorURL: safeLink(r.generator_url),
  fields: JSON.parse(r.fields) as Record<string, unknown>,
  reviewReason: r.review_reason,
});

const alertsWithSource = (db: DeskDb) =>
  db.selectFrom('alerts').innerJoin('alert_sources', 'alert_sources.id', 'alerts.source_id').selectAll('alerts').select('alert_sources.name as source_name');

export async function findAlert(db: DeskDb, id: number): Promise<(TrackedAlert & { sourceKind: string }) | undefined> {
  const row = await alertsWithSource(db).select('alert_sources.kind as source_kind').where('alerts.id', '=', id).executeTakeFirst();
  return row && { ...toAlert(row), sourceKind: row.source_kind };
}

export async function listTicketAlerts(db: DeskDb, ticketId: number): Promise<TrackedAlert[]> {
  return (await alertsWithSource(db).where('alerts.ticket_id', '=', ticketId).orderBy('alerts.id').execute()).map(toAlert);
}

/** Alerts awaiting validation, oldest first. The literal lets SQLite use the partial index. */
export async function listAwaiting(db: DeskDb, page: { limit: number; afterId?: number }): Promise<TrackedAlert[]> {
  let q = alertsWithSource(db).where(sql<boolean>`${sql.ref('alerts.review')} = 'awaiting'`);
  if (page.afterId !== undefined) q = q.where('alerts.id', '>', page.afterId);
  return (await q.orderBy('alerts.id').limit(page.limit).execute()).map(toAlert);
}

export async function countAwaiting(db: DeskDb): Promise<number> {
  const row = await db.selectFrom('alerts').select((eb) => eb.fn.countAll<number>().as('n')).where(sql<boolean>`${sql.ref('review')} = 'awaiting'`).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether anyone but the source itself (and the desk's own robots) has acted on the ticket. */
export async function touchedByPeople(db: DeskDb, ticketId: number, sourceUserId: string): Promise<boolean> {
  const row = await db
    .selectFrom('ticket_events')
    .select('id')
    .where('ticket_id', '=', ticketId)
    .where('actor_id', 'is not', null)
    .where('actor_id', '!=', sourceUserId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export interface LogQuery {
  source?: string | undefined;
  outcome?: AlertOutcome | undefined;
  ticketId?: number | undefined;
  /** Words to find in the key, the error or the raw alert. */
  text?: string | undefined;
  beforeId?: number | undefined;
  limit: number;
}

/** The log, newest first. */
export async function searchLog(db: DeskDb, q: LogQuery): Promise<AlertLogEntry[]> {
  let query = db.selectFrom('alert_log').selectAll();
  if (q.source) query = query.where('source_id', '=', q.source);
  if (q.outcome) query = query.where('outcome', '=', q.outcome);
  if (q.ticketId !== undefined) query = query.where('ticket_id', '=', q.ticketId);
  if (q.beforeId !== undefined) query = query.where('id', '<', q.beforeId);
  if (q.text) {
    const like = `%${q.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([sql<boolean>`${sql.ref('raw')} like ${like} escape '\\'`, sql<boolean>`${sql.ref('dedup_key')} like ${like} escape '\\'`, sql<boolean>`${sql.ref('error')} like ${like} escape '\\'`]),
    );
  }
  const rows = await query.orderBy('id', 'desc').limit(q.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    sourceId: r.source_id,
    alertId: r.alert_id,
    ticketId: r.ticket_id,
    receivedAt: r.received_at,
    dedupKey: r.dedup_key,
    status: r.status,
    outcome: r.outcome as AlertOutcome,
    error: r.error,
    raw: r.raw,
    rawTruncated: r.raw_truncated === 1,
  }));
}
