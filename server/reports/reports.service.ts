/**
 * The manager's reports: checks the filters against the desk, brings the
 * resolved tickets' report facts up to date, runs one report's SQL and
 * shapes it as a table (the same table the CSV download holds).
 */
import { inTransaction } from '../db/transaction.ts';
import { findTicketsByIds } from '../db/tickets.repository.ts';
import { findUserById, findUsersByIds } from '../db/users.repository.ts';
import { invalid } from '../errors.ts';
import { formatTicketNumber } from '../engine/intake.ts';
import type { User } from '../engine/people/people.schema.ts';
import type { Problem } from '../engine/problems.ts';
import { policyCalendar } from '../engine/tickets/sla-clocks.ts';
import type { WorkflowDefinition } from '../engine/workflow/workflow.schema.ts';
import type { DeskContext } from '../services/desk-context.ts';
import { deskSnapshot } from '../services/desk-snapshot.ts';
import { onShiftMinutes } from './on-shift-minutes.ts';
import { localDate, period, type Period } from './period.ts';
import { reportFacts } from './report-facts.ts';
import type { Cell, ReportName, ReportQuery, ReportTable } from './report.schema.ts';
import * as repo from './reports.repository.ts';

/** The shipped workflow whose tickets count as complaints. */
export const complaintWorkflow = 'complaint';
/** "Breaching soon" on the live dashboard: a target falls due within this many minutes. */
export const breachingSoonMinutes = 60;
const factsBatch = 500;
const commentsShown = 200;

/**
 * Works out the report facts of every ticket resolved (or resolved again)
 * since the last pass, a batch per transaction. Safe to run beside another
 * pass: a ticket that changed meanwhile is left due and done next time.
 */
export async function refreshReportFacts(desk: DeskContext): Promise<number> {
  const { directory } = await deskSnapshot(desk);
  let done = 0;
  for (;;) {
    const ids = await repo.ticketsDueForFacts(desk.db, factsBatch);
    if (!ids.length) return done;
    await inTransaction(desk.db, async (trx) => {
      const [tickets, reopens] = await Promise.all([findTicketsByIds(trx, ids), repo.reopenCounts(trx, ids)]);
      for (const ticket of tickets) {
        const policy = directory.slaPolicies.get(ticket.slaPolicy) ?? null;
        const facts = reportFacts(ticket, policy, policy ? policyCalendar({ desk: directory }, policy) : null, reopens.get(ticket.id) ?? 0);
        if (facts) await repo.saveFacts(trx, ticket, facts);
      }
    });
    done += ids.length;
    if (ids.length < factsBatch) return done;
  }
}

const pct = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);
const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

interface Checked {
  period: Period;
  filters: repo.ReportFilters;
  shown: Record<string, string>;
}

/** The period in the viewer's zone, and the filters checked against the desk (an unknown one is a 422 at its path). */
async function check(desk: DeskContext, viewer: User, q: ReportQuery): Promise<Checked> {
  const { directory, published } = await deskSnapshot(desk);
  const problems: Problem[] = [];
  const filters: repo.ReportFilters = {};
  const shown: Record<string, string> = {};
  if (q.queue !== undefined) {
    if (!directory.queues.has(q.queue)) problems.push({ path: 'query.queue', message: `there is no queue "${q.queue}"` });
    filters.queues = [q.queue];
    shown.queue = q.queue;
  }
  if (q.group !== undefined) {
    const inGroup = [...directory.queues.values()].filter((x) => x.group === q.group).map((x) => x.id);
    if (!directory.groups?.has(q.group) && !inGroup.length) problems.push({ path: 'query.group', message: `there is no group "${q.group}"` });
    filters.queues = filters.queues ? filters.queues.filter((x) => inGroup.includes(x)) : inGroup;
    shown.group = q.group;
  }
  if (q.agent !== undefined) {
    if (!(await findUserById(desk.db, q.agent))) problems.push({ path: 'query.agent', message: `there is no person with id "${q.agent}"` });
    filters.agent = q.agent;
    shown.agent = q.agent;
  }
  if (q.workflow !== undefined) {
    if (!published.has(q.workflow)) problems.push({ path: 'query.workflow', message: `there is no published workflow "${q.workflow}"` });
    filters.workflow = q.workflow;
    shown.workflow = q.workflow;
  }
  if (q.priority !== undefined) {
    filters.priority = q.priority;
    shown.priority = q.priority;
  }
  if (problems.length) throw invalid('Some of the report filters are not known to the desk', problems);
  return { period: period({ from: q.from, to: q.to, timeZone: q.timeZone ?? viewer.timeZone }, desk.now()), filters, shown };
}

async function queueNames(desk: DeskContext, viewer: User): Promise<(id: string) => string> {
  const { directory } = await deskSnapshot(desk);
  return (id) => {
    const name = directory.queues.get(id)?.name as Record<string, string> | undefined;
    return name?.[viewer.locale] ?? name?.en ?? id;
  };
}

type Build = (desk: DeskContext, viewer: User, c: Checked) => Promise<{ columns: string[]; rows: Cell[][]; summary?: Record<string, number | null> }>;

const range = (c: Checked) => ({ start: c.period.start, end: c.period.end });

const builders: Record<ReportName, Build> = {
  async volume(desk, _viewer, c) {
    const days = await repo.volumeByDay(desk.db, c.period.days, c.filters);
    return { columns: ['date', 'created', 'resolved', 'backlog'], rows: days.map((d) => [d.date, d.created, d.resolved, d.backlog]) };
  },

  async backlog(desk, viewer, c) {
    const now = desk.now();
    const ago = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
    const soon = new Date(now.getTime() + breachingSoonMinutes * 60_000).toISOString();
    const [queues, name] = await Promise.all([repo.openByQueue(desk.db, now.toISOString(), soon, [ago(1), ago(3), ago(7), ago(30)], c.filters), queueNames(desk, viewer)]);
    return {
      columns: ['queue', 'queueName', 'open', 'unassigned', 'under1Day', 'days1To3', 'days3To7', 'days7To30', 'over30Days', 'oldestCreatedAt'],
      rows: queues.map((q) => [q.queue, name(q.queue), q.open, q.unassigned, ...q.ages, q.oldest]),
    };
  },

  async today(desk, viewer, c) {
    const now = desk.now();
    const soon = new Date(now.getTime() + breachingSoonMinutes * 60_000).toISOString();
    const ago = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
    const [queues, name] = await Promise.all([repo.openByQueue(desk.db, now.toISOString(), soon, [ago(1), ago(3), ago(7), ago(30)], c.filters), queueNames(desk, viewer)]);
    return {
      columns: ['queue', 'queueName', 'open', 'unassigned', 'breachingSoon', 'breached', 'oldestCreatedAt'],
      rows: queues.map((q) => [q.queue, name(q.queue), q.open, q.unassigned, q.breachingSoon, q.breached, q.oldest]),
    };
  },

  async sla(desk, viewer, c) {
    const [rows, name] = await Promise.all([repo.slaByQueueAndPriority(desk.db, range(c), c.filters), queueNames(desk, viewer)]);
    return {
      columns: ['queue', 'queueName', 'priority', 'responseMet', 'responseBreached', 'responseMetPct', 'resolutionMet', 'resolutionBreached', 'resolutionMetPct'],
      rows: rows.map((r) => [
        r.queue, name(r.queue), r.priority,
        r.responseMet, r.responseBreached, pct(r.responseMet, r.responseMet + r.responseBreached),
        r.resolutionMet, r.resolutionBreached, pct(r.resolutionMet, r.resolutionMet + r.resolutionBreached),
      ]),
    };
  },

  async times(desk, _viewer, c) {
    const measures = [
      ['first-response', 'business', repo.durationColumns.responseBusiness],
      ['first-response', 'wall', repo.durationColumns.responseWall],
      ['resolution', 'business', repo.durationColumns.resolutionBusiness],
      ['resolution', 'wall', repo.durationColumns.resolutionWall],
    ] as const;
    const means = await repo.durationMeans(desk.db, range(c), c.filters);
    const rows: Cell[][] = [];
    for (const [measure, clock, column] of measures) {
      const { n, mean } = means[column];
      rows.push([measure, clock, n, round1(mean), await repo.durationMedian(desk.db, column, n, range(c), c.filters)]);
    }
    return { columns: ['measure', 'clock', 'tickets', 'meanMinutes', 'medianMinutes'], rows };
  },

  async quality(desk, _viewer, c) {
    const [resolved, logged] = await Promise.all([
      repo.resolutionQuality(desk.db, range(c), c.filters),
      repo.intakeQuality(desk.db, range(c), c.filters, complaintWorkflow),
    ]);
    const row = (measure: string, count: number, of: number): Cell[] => [measure, count, of, pct(count, of)];
    return {
      columns: ['measure', 'tickets', 'outOf', 'pct'],
      rows: [
        row('first-contact-resolution', resolved.firstContact, resolved.resolved),
        row('reopened', resolved.reopened, resolved.resolved),
        row('functional-escalation', logged.functional, logged.created),
        row('hierarchical-escalation', logged.hierarchical, logged.created),
        row('complaints', logged.complaints, logged.created),
      ],
    };
  },

  async agents(desk, _viewer, c) {
    const [resolved, open, { directory }] = await Promise.all([repo.resolvedByAgent(desk.db, range(c), c.filters), repo.openByAgent(desk.db, c.filters), deskSnapshot(desk)]);
    // The rotas of the groups whose queues are counted (all of them without a queue or group filter).
    const groupIds = c.filters.queues ? new Set(c.filters.queues.map((q) => directory.queues.get(q)?.group)) : null;
    const rotas = [...(directory.groups?.values() ?? [])].filter((g) => g.rota && (!groupIds || groupIds.has(g.id))).map((g) => g.rota!);
    const onRota = await repo.usersByEmail(desk.db, [...new Set(rotas.flatMap((r) => r.shifts.map((s) => s.member)))]);
    const ids = [...new Set([...resolved.map((r) => r.agent), ...open.map((o) => o.agent), ...onRota.map((u) => u.id)])].filter((id) => c.filters.agent === undefined || id === c.filters.agent);
    const people = new Map((await findUsersByIds(desk.db, ids)).map((u) => [u.id, u]));
    // Shifts still to come today have not been worked yet.
    const shiftEnd = new Date(Math.min(Date.parse(c.period.end), desk.now().getTime()));
    const shiftStart = new Date(c.period.start);
    const rows = ids
      .map((id) => {
        const r = resolved.find((x) => x.agent === id);
        const person = people.get(id);
        const minutes = person && shiftEnd > shiftStart ? onShiftMinutes(rotas, person.email, shiftStart, shiftEnd) : null;
        return [
          id, person?.name ?? id, open.find((x) => x.agent === id)?.open ?? 0, r?.resolved ?? 0, round1(r?.meanResolution ?? null), round1(r?.rating ?? null),
          minutes === null ? null : Math.round((minutes / 60) * 100) / 100,
        ] as Cell[];
      })
      .sort((a, b) => String(a[1]).localeCompare(String(b[1])));
    return { columns: ['agent', 'agentName', 'open', 'resolved', 'meanResolutionMinutes', 'averageRating', 'onShiftHours'], rows };
  },

  async complaints(desk, _viewer, c) {
    // Complaints are the complaint workflow's tickets; another workflow filter leaves none.
    const f: repo.ReportFilters = c.filters.workflow === undefined || c.filters.workflow === complaintWorkflow ? { ...c.filters, workflow: complaintWorkflow } : { ...c.filters, queues: [] };
    const [days, sla] = await Promise.all([repo.volumeByDay(desk.db, c.period.days, f), repo.slaByQueueAndPriority(desk.db, range(c), f)]);
    const total = (k: 'responseMet' | 'responseBreached' | 'resolutionMet' | 'resolutionBreached') => sla.reduce((n, r) => n + r[k], 0);
    const [responseMet, responseBreached, resolutionMet, resolutionBreached] = [total('responseMet'), total('responseBreached'), total('resolutionMet'), total('resolutionBreached')];
    return {
      columns: ['date', 'logged', 'resolved', 'open'],
      rows: days.map((d) => [d.date, d.created, d.resolved, d.backlog]),
      summary: {
        logged: days.reduce((n, d) => n + d.created, 0),
        resolved: days.reduce((n, d) => n + d.resolved, 0),
        responseMet, responseBreached, responseMetPct: pct(responseMet, responseMet + responseBreached),
        resolutionMet, resolutionBreached, resolutionMetPct: pct(resolutionMet, resolutionMet + resolutionBreached),
      },
    };
  },

  async deflections(desk, viewer, c) {
    const { published } = await deskSnapshot(desk);
    const [rows, logged] = await Promise.all([
      repo.deflectionsByDay(desk.db, c.period.days, c.filters.workflow),
      repo.ticketsLogged(desk.db, range(c), c.filters.workflow === undefined ? {} : { workflow: c.filters.workflow }),
    ]);
    const name = (id: string | null) => {
      if (id === null) return null;
      const names = published.get(id)?.definition.name as Record<string, string> | undefined;
      return names?.[viewer.locale] ?? names?.en ?? id;
    };
    const deflected = rows.reduce((n, r) => n + r.n, 0);
    return {
      columns: ['date', 'workflow', 'workflowName', 'deflected'],
      rows: rows.map((r) => [r.date, r.workflow, name(r.workflow), r.n]),
      summary: { deflected, ticketsLogged: logged, deflectedPct: pct(deflected, deflected + logged) },
    };
  },

  async satisfaction(desk, _viewer, c) {
    const counts = await repo.ratings(desk.db, range(c), c.filters);
    const total = counts.reduce((s, r) => s + r.n, 0);
    const sum = counts.reduce((s, r) => s + r.rating * r.n, 0);
    const rows = [1, 2, 3, 4, 5].map((rating) => {
      const n = counts.find((r) => r.rating === rating)?.n ?? 0;
      return [rating, n, pct(n, total)] as Cell[];
    });
    return { columns: ['rating', 'responses', 'pct'], rows, summary: { responses: total, average: total ? Math.round((sum / total) * 100) / 100 : null } };
  },

  async comments(desk, viewer, c) {
    const rows = await repo.ratingComments(desk.db, range(c), c.filters, commentsShown);
    return {
      columns: ['ticket', 'resolvedOn', 'rating', 'comment'],
      rows: rows.map((r) => [formatTicketNumber(r.kind as WorkflowDefinition['kind'], r.id), localDate(new Date(r.resolvedAt), c.period.timeZone), r.rating, r.comment]),
    };
  },
};

/** One report for a manager or admin. */
export async function runReport(desk: DeskContext, viewer: User, name: ReportName, q: ReportQuery): Promise<ReportTable & { summary?: Record<string, number | null> }> {
  const checked = await check(desk, viewer, q);
  if (name !== 'today' && name !== 'backlog') await refreshReportFacts(desk);
  const table = await builders[name](desk, viewer, checked);
  return {
    report: name,
    period: { from: checked.period.from, to: checked.period.to, timeZone: checked.period.timeZone },
    // Deflected requests never became tickets: only the workflow filter applies to them.
    filters: name === 'deflections' ? Object.fromEntries(Object.entries(checked.shown).filter(([k]) => k === 'workflow')) : checked.shown,
    ...table,
  };
}
