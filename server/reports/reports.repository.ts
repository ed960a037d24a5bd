/**
 * The report queries: aggregates in SQL over the report indexes
 * (migration 2026_12_03_0014_reports), never tickets loaded into memory.
 * Dialect-neutral SQL: the same text runs on SQLite and PostgreSQL.
 */
import { sql, type RawBuilder } from 'kysely';
import type { DeskDb } from '../db/database.ts';
import { activeClasses } from '../db/tickets.repository.ts';
import type { Ticket } from '../engine/tickets/ticket.schema.ts';
import type { ReportFacts } from './report-facts.ts';

export interface ReportFilters {
  /** The queues to count (a queue filter, or a group's queues). */
  queues?: string[];
  agent?: string;
  workflow?: string;
  priority?: string;
}

export interface Range {
  start: string;
  end: string;
}

/** The filters as one SQL condition on `tickets`. */
function filterSql(f: ReportFilters): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`1 = 1`];
  if (f.queues) parts.push(f.queues.length ? sql`tickets.queue_id in (${sql.join(f.queues)})` : sql`1 = 0`);
  if (f.agent !== undefined) parts.push(sql`tickets.assignee_id = ${f.agent}`);
  if (f.workflow !== undefined) parts.push(sql`tickets.workflow_id = ${f.workflow}`);
  if (f.priority !== undefined) parts.push(sql`tickets.priority = ${f.priority}`);
  return sql.join(parts, sql` and `);
}

const active = sql.raw(`tickets.state_class in (${activeClasses.map((c) => `'${c}'`).join(', ')})`);
const stopped = sql`tickets.report_stopped_at is not null`;
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** Tickets logged and resolved on each day, and the backlog at each day's end. */
export async function volumeByDay(db: DeskDb, days: { date: string; start: string; end: string }[], f: ReportFilters) {
  const where = filterSql(f);
  const values = sql.join(days.map((d) => sql`(${d.date}, ${d.start}, ${d.end})`));
  const rows = await sql<{ date: string; created: number; resolved: number }>`
    with days (date, day_start, day_end) as (values ${values})
    select days.date,
      (select count(*) from tickets where tickets.created_at >= days.day_start and tickets.created_at < days.day_end and ${where}) as created,
      (select count(*) from tickets where ${stopped} and tickets.report_stopped_at >= days.day_start and tickets.report_stopped_at < days.day_end and ${where}) as resolved
    from days order by days.date`.execute(db);
  const first = days[0]!.start;
  const before = await sql<{ created: number; resolved: number }>`
    select (select count(*) from tickets where tickets.created_at < ${first} and ${where}) as created,
      (select count(*) from tickets where ${stopped} and tickets.report_stopped_at < ${first} and ${where}) as resolved`.execute(db);
  let backlog = num(before.rows[0]?.created) - num(before.rows[0]?.resolved);
  return rows.rows.map((r) => {
    backlog += num(r.created) - num(r.resolved);
    return { date: r.date, created: num(r.created), resolved: num(r.resolved), backlog };
  });
}

/** Open tickets now, per queue: how many, unassigned, by age, the oldest, and their SLA state. */
export async function openByQueue(db: DeskDb, now: string, soon: string, ages: string[], f: ReportFilters) {
  const where = filterSql(f);
  const [d1, d3, d7, d30] = ages;
  const rows = await sql<Record<string, unknown>>`
    select tickets.queue_id as queue, count(*) as open,
      sum(case when tickets.assignee_id is null then 1 else 0 end) as unassigned,
      sum(case when tickets.created_at >= ${d1} then 1 else 0 end) as age_under_1d,
      sum(case when tickets.created_at < ${d1} and tickets.created_at >= ${d3} then 1 else 0 end) as age_1_3d,
      sum(case when tickets.created_at < ${d3} and tickets.created_at >= ${d7} then 1 else 0 end) as age_3_7d,
      sum(case when tickets.created_at < ${d7} and tickets.created_at >= ${d30} then 1 else 0 end) as age_7_30d,
      sum(case when tickets.created_at < ${d30} then 1 else 0 end) as age_over_30d,
      sum(case when (tickets.response_due_at < ${now} and tickets.first_response_at is null) or tickets.resolution_due_at < ${now} then 1 else 0 end) as breached,
      sum(case when not ((tickets.response_due_at < ${now} and tickets.first_response_at is null) or tickets.resolution_due_at < ${now})
        and ((tickets.response_due_at < ${soon} and tickets.first_response_at is null) or tickets.resolution_due_at < ${soon}) then 1 else 0 end) as breaching_soon,
      min(tickets.created_at) as oldest
    from tickets where ${active} and ${where}
    group by tickets.queue_id order by tickets.queue_id`.execute(db);
  return rows.rows.map((r) => ({
    queue: String(r.queue),
    open: num(r.open),
    unassigned: num(r.unassigned),
    ages: [num(r.age_under_1d), num(r.age_1_3d), num(r.age_3_7d), num(r.age_7_30d), num(r.age_over_30d)],
    breached: num(r.breached),
    breachingSoon: num(r.breaching_soon),
    oldest: r.oldest === null ? null : String(r.oldest),
  }));
}

/** Response and resolution targets met and breached, per queue and priority, over tickets resolved in the range. */
export async function slaByQueueAndPriority(db: DeskDb, range: Range, f: ReportFilters) {
  const rows = await sql<Record<string, unknown>>`
    select tickets.queue_id as queue, tickets.priority as priority,
      sum(case when tickets.report_response_met = 1 then 1 else 0 end) as response_met,
      sum(case when tickets.report_response_met = 0 then 1 else 0 end) as response_breached,
      sum(case when tickets.report_resolution_met = 1 then 1 else 0 end) as resolution_met,
      sum(case when tickets.report_resolution_met = 0 then 1 else 0 end) as resolution_breached
    from tickets
    where ${stopped} and tickets.report_stopped_at >= ${range.start} and tickets.report_stopped_at < ${range.end} and ${filterSql(f)}
    group by tickets.queue_id, tickets.priority order by tickets.queue_id, tickets.priority`.execute(db);
  return rows.rows.map((r) => ({
    queue: String(r.queue),
    priority: String(r.priority),
    responseMet: num(r.response_met),
    responseBreached: num(r.response_breached),
    resolutionMet: num(r.resolution_met),
    resolutionBreached: num(r.resolution_breached),
  }));
}

export const durationColumns = {
  responseBusiness: 'report_response_minutes',
  responseWall: 'report_response_wall_minutes',
  resolutionBusiness: 'report_resolution_minutes',
  resolutionWall: 'report_resolution_wall_minutes',
} as const;

type DurationColumn = (typeof durationColumns)[keyof typeof durationColumns];

/** How many tickets resolved in the range have each duration, and their mean minutes, in one scan. */
export async function durationMeans(db: DeskDb, range: Range, f: ReportFilters): Promise<Record<DurationColumn, { n: number; mean: number | null }>> {
  const columns = Object.values(durationColumns);
  const picks = sql.join(columns.flatMap((c) => [sql`count(${sql.ref(`tickets.${c}`)}) as ${sql.ref(`n_${c}`)}`, sql`avg(${sql.ref(`tickets.${c}`)}) as ${sql.ref(`mean_${c}`)}`]));
  const rows = await sql<Record<string, unknown>>`
    select ${picks} from tickets
    where ${stopped} and tickets.report_stopped_at >= ${range.start} and tickets.report_stopped_at < ${range.end} and ${filterSql(f)}`.execute(db);
  const r = rows.rows[0] ?? {};
  return Object.fromEntries(columns.map((c) => [c, { n: num(r[`n_${c}`]), mean: numOrNull(r[`mean_${c}`]) }])) as Record<DurationColumn, { n: number; mean: number | null }>;
}

/** The median of `n` durations: read in order from the duration's index, stopping half way. */
export async function durationMedian(db: DeskDb, column: DurationColumn, n: number, range: Range, f: ReportFilters): Promise<number | null> {
  if (n === 0) return null;
  const ref = sql.ref(`tickets.${column}`);
  const rows = await sql<{ minutes: number }>`
    select ${ref} as minutes from tickets
    where ${stopped} and tickets.report_stopped_at >= ${range.start} and tickets.report_stopped_at < ${range.end} and ${ref} is not null and ${filterSql(f)}
    order by ${ref} limit ${n % 2 ? 1 : 2} offset ${Math.floor((n - 1) / 2)}`.execute(db);
  const values = rows.rows.map((r) => Number(r.minutes));
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/** First-contact resolutions and reopens among tickets resolved in the range. */
export async function resolutionQuality(db: DeskDb, range: Range, f: ReportFilters) {
  const rows = await sql<Record<string, unknown>>`
    select count(*) as resolved,
      sum(case when tickets.report_first_contact = 1 then 1 else 0 end) as first_contact,
      sum(case when tickets.report_reopens > 0 then 1 else 0 end) as reopened
    from tickets
    where ${stopped} and tickets.report_stopped_at >= ${range.start} and tickets.report_stopped_at < ${range.end} and ${filterSql(f)}`.execute(db);
  const r = rows.rows[0] ?? {};
  return { resolved: num(r.resolved), firstContact: num(r.first_contact), reopened: num(r.reopened) };
}

/** Tickets logged in the range, those escalated to another group (functional) or flagged to a manager (hierarchical), and complaints. */
export async function intakeQuality(db: DeskDb, range: Range, f: ReportFilters, complaintWorkflow: string) {
  const where = filterSql(f);
  const inRange = sql`tickets.created_at >= ${range.start} and tickets.created_at < ${range.end}`;
  const rows = await sql<Record<string, unknown>>`
    select (select count(*) from tickets where ${inRange} and ${where}) as created,
      (select count(*) from tickets where tickets.held_by_groups <> '[]' and ${inRange} and ${where}) as functional,
      (select count(*) from tickets where tickets.manager_flagged_at is not null and ${inRange} and ${where}) as hierarchical,
      (select count(*) from tickets where ${inRange} and tickets.workflow_id = ${complaintWorkflow} and ${where}) as complaints`.execute(db);
  const r = rows.rows[0] ?? {};
  return { created: num(r.created), functional: num(r.functional), hierarchical: num(r.hierarchical), complaints: num(r.complaints) };
}

/** Per assignee: tickets resolved in the range, their mean business minutes to resolve, and their ratings. */
export async function resolvedByAgent(db: DeskDb, range: Range, f: ReportFilters) {
  const rows = await sql<Record<string, unknown>>`
    select tickets.assignee_id as agent, count(*) as resolved,
      avg(tickets.report_resolution_minutes) as mean_resolution, avg(tickets.satisfaction_rating) as rating
    from tickets
    where ${stopped} and tickets.report_stopped_at >= ${range.start} and tickets.report_stopped_at < ${range.end} and tickets.assignee_id is not null and ${filterSql(f)}
    group by tickets.assignee_id`.execute(db);
  return rows.rows.map((r) => ({ agent: String(r.agent), resolved: num(r.resolved), meanResolution: numOrNull(r.mean_resolution), rating: numOrNull(r.rating) }));
}

/** Per assignee: open tickets now. */
export async function openByAgent(db: DeskDb, f: ReportFilters) {
  const rows = await sql<Record<string, unknown>>`
    select tickets.assignee_id as agent, count(*) as open from tickets
    where ${active} and tickets.assignee_id is not null and ${filterSql(f)} group by tickets.assignee_id`.execute(db);
  return rows.rows.map((r) => ({ agent: String(r.agent), open: num(r.open) }));
}

/** How many tickets resolved in the range got each rating. */
export async function ratings(db: DeskDb, range: Range, f: ReportFilters) {
  const rows = await sql<{ rating: number; n: number }>`
    select tickets.satisfaction_rating as rating, count(*) as n from tickets
    where ${stopped} and tickets.report_stopped_at >= ${range.start} and tickets.report_stopped_at < ${range.end} and tickets.satisfaction_rating is not null and ${filterSql(f)}
    group by tickets.satisfaction_rating`.execute(db);
  return rows.rows.map((r) => ({ rating: Number(r.rating), n: Number(r.n) }));
}

/** The newest satisfaction comments on tickets resolved in the range. */
export async function ratingComments(db: DeskDb, range: Range, f: ReportFilters, limit: number) {
  const rows = await sql<Record<string, unknown>>`
    select tickets.id as id, tickets.kind as kind, tickets.report_stopped_at as resolved_at, tickets.satisfaction_rating as rating, tickets.satisfaction_comment as comment
    from tickets
    where ${stopped} and tickets.report_stopped_at >= ${range.start} and tickets.report_stopped_at < ${range.end} and tickets.satisfaction_comment is not null and ${filterSql(f)}
    order by tickets.report_stopped_at desc, tickets.id desc limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({ id: Number(r.id), kind: String(r.kind), resolvedAt: String(r.resolved_at), rating: numOrNull(r.rating), comment: String(r.comment) }));
}

const factsDue = sql`coalesce(tickets.resolved_at, tickets.closed_at) is not null and (tickets.report_stopped_at is null or tickets.report_stopped_at <> coalesce(tickets.resolved_at, tickets.closed_at))`;

/** Ids of tickets resolved since their report facts were last worked out (or never worked out). */
export async function ticketsDueForFacts(db: DeskDb, limit: number): Promise<number[]> {
  const rows = await sql<{ id: number }>`select tickets.id as id from tickets where ${factsDue} order by tickets.id limit ${limit}`.execute(db);
  return rows.rows.map((r) => Number(r.id));
}

/** How many times each ticket was reopened. */
export async function reopenCounts(db: DeskDb, ids: readonly number[]): Promise<Map<number, number>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('ticket_events')
    .select(['ticket_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('ticket_id', 'in', ids)
    .where('type', '=', 'ticket.reopened')
    .groupBy('ticket_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.ticket_id), Number(r.n)]));
}

const bool = (b: boolean | null) => (b === null ? null : b ? 1 : 0);

/** Stores a ticket's facts, unless it changed again since they were worked out (it stays due then). */
export async function saveFacts(db: DeskDb, ticket: Pick<Ticket, 'id' | 'rowVersion'>, facts: ReportFacts): Promise<void> {
  await db
    .updateTable('tickets')
    .set({
      report_stopped_at: facts.stoppedAt,
      report_response_minutes: facts.responseMinutes,
      report_response_wall_minutes: facts.responseWallMinutes,
      report_response_met: bool(facts.responseMet),
      report_resolution_minutes: facts.resolutionMinutes,
      report_resolution_wall_minutes: facts.resolutionWallMinutes,
      report_resolution_met: bool(facts.resolutionMet),
      report_reopens: facts.reopens,
      report_first_contact: bool(facts.firstContact),
    })
    .where('id', '=', ticket.id)
    .where('row_version', '=', ticket.rowVersion)
    .execute();
}

/** Requests answered by a knowledge article ("This solved it") per local day and workflow (null: asked from the knowledge pages). */
export async function deflectionsByDay(db: DeskDb, days: { date: string; start: string; end: string }[], workflow: string | undefined) {
  const values = sql.join(days.map((d) => sql`(${d.date}, ${d.start}, ${d.end})`));
  const rows = await sql<{ date: string; workflow: string | null; n: number }>`
    with days (date, day_start, day_end) as (values ${values})
    select days.date as date, kb_deflections.workflow_id as workflow, count(*) as n
    from days join kb_deflections on kb_deflections.created_at >= days.day_start and kb_deflections.created_at < days.day_end
    where ${workflow === undefined ? sql`1 = 1` : sql`kb_deflections.workflow_id = ${workflow}`}
    group by days.date, kb_deflections.workflow_id order by days.date, kb_deflections.workflow_id`.execute(db);
  return rows.rows.map((r) => ({ date: String(r.date), workflow: r.workflow === null ? null : String(r.workflow), n: num(r.n) }));
}

/** Tickets logged in the range (for a deflection rate: requests answered by an article against those that became tickets). */
export async function ticketsLogged(db: DeskDb, range: Range, f: ReportFilters): Promise<number> {
  const rows = await sql<{ n: number }>`
    select count(*) as n from tickets where tickets.created_at >= ${range.start} and tickets.created_at < ${range.end} and ${filterSql(f)}`.execute(db);
  return num(rows.rows[0]?.n);
}

/** Desk accounts by e-mail address (any capitalisation), for the people a rota names. */
export async function usersByEmail(db: DeskDb, emails: readonly string[]): Promise<{ id: string; name: string; email: string }[]> {
  if (!emails.length) return [];
  const rows = await sql<{ id: string; name: string; email: string }>`
    select users.id as id, users.name as name, lower(users.email) as email from users
    where lower(users.email) in (${sql.join(emails.map((e) => e.toLowerCase()))})`.execute(db);
  return rows.rows.map((r) => ({ id: String(r.id), name: String(r.name), email: String(r.email) }));
}
