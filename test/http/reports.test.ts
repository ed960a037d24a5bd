/**
 * The manager's reports over a data set with known times, written here:
 * office-hours tickets (08:30–17:30 Europe/London, weekdays) logged and
 * resolved across Christmas 2026 — Friday 25th and Monday 28th are bank
 * holidays, with the weekend between — so every business-minute figure below
 * can be checked by hand. The report facts are worked out by the desk's own
 * pass over its SLA clocks when a report is asked for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

const now = new Date('2026-12-31T12:00:00.000Z');
const period = 'from=2026-12-21&to=2026-12-31';

interface Seed {
  id: number;
  queue: string;
  priority: string;
  created: string;
  status?: 'open' | 'resolved';
  assignee?: 'agent' | 'specialist' | null;
  firstResponse?: string;
  resolved?: string;
  pauses?: { from: string; to: string | null }[];
  reopens?: number;
  rating?: number;
  comment?: string;
  heldBy?: string[];
  managerFlagged?: string;
  responseDue?: string;
  resolutionDue?: string;
}

/**
 * T1 P3: answered in 60 business minutes, resolved after 90 on Thu 24th + 90 on Tue 29th = 180 (met); wall 6840.
 * T2 P3: answered after 300 (breached: 240), resolved Wed 30th 10:00, reopened 11:00, resolved 12:00:
 *        510 + 540 + 540 + 210 − 60 paused = 1740 (breached: 1620); wall 10260.
 * T3 P4: logged on the Monday bank holiday, answered 09:00 Tue (30), resolved 12:00 Tue (210); wall 1380 and 1560.
 * T4 P3: answered in 30, waited on the requester 09:30–11:30, resolved 12:00: 60 business, 180 wall.
 * T5: escalated to the network team, open, due soon. T6 P2: flagged to the manager, open, response overdue.
 * T7 before the period (resolved), T8 before the period (still open).
 */
const seeds: Seed[] = [
  { id: 1, queue: 'first-line', priority: 'P3', created: '2026-12-24T16:00', assignee: 'agent', firstResponse: '2026-12-24T17:00', resolved: '2026-12-29T10:00', rating: 5, comment: 'Quick and friendly' },
  {
    id: 2, queue: 'first-line', priority: 'P3', created: '2026-12-23T09:00', assignee: 'agent', firstResponse: '2026-12-23T14:00', resolved: '2026-12-30T12:00',
    pauses: [{ from: '2026-12-30T10:00', to: '2026-12-30T11:00' }], reopens: 1, rating: 2, comment: 'Took a week',
  },
  { id: 3, queue: 'end-user-devices', priority: 'P4', created: '2026-12-28T10:00', assignee: 'specialist', firstResponse: '2026-12-29T09:00', resolved: '2026-12-29T12:00', rating: 4 },
  { id: 4, queue: 'first-line', priority: 'P3', created: '2026-12-29T09:00', assignee: 'agent', firstResponse: '2026-12-29T09:30', resolved: '2026-12-29T12:00', pauses: [{ from: '2026-12-29T09:30', to: '2026-12-29T11:30' }] },
  { id: 5, queue: 'network', priority: 'P3', created: '2026-12-29T10:00', status: 'open', assignee: null, heldBy: ['service-desk'], firstResponse: '2026-12-29T10:10', resolutionDue: '2026-12-31T12:30' },
  { id: 6, queue: 'first-line', priority: 'P2', created: '2026-12-29T11:00', status: 'open', assignee: 'agent', managerFlagged: '2026-12-29T11:15', responseDue: '2026-12-29T12:00', resolutionDue: '2027-01-04T12:00' },
  { id: 7, queue: 'first-line', priority: 'P3', created: '2026-12-01T09:00', assignee: 'agent', firstResponse: '2026-12-01T09:10', resolved: '2026-12-02T09:00', rating: 1, comment: 'Before the period' },
  { id: 8, queue: 'first-line', priority: 'P3', created: '2026-12-10T09:00', status: 'open', assignee: null, firstResponse: '2026-12-10T09:05' },
];

const iso = (local: string) => `${local}:00.000Z`;

async function seed(t: TestDesk, ids: Record<string, string>) {
  const db = t.desk.context.db;
  const version = await db.selectFrom('workflow_versions').select('id').where('workflow_id', '=', 'service-request').executeTakeFirstOrThrow();
  for (const s of seeds) {
    const resolved = s.status !== 'open';
    const pauses = [...(s.pauses ?? []), ...(resolved ? [{ from: s.resolved!, to: null }] : [])].map((p) => ({ from: iso(p.from), to: p.to === null ? null : iso(p.to) }));
    await db
      .insertInto('tickets')
      .values({
        id: s.id, workflow_id: 'service-request', workflow_version_id: version.id, kind: 'request',
        status: resolved ? 'resolved' : 'open', state_class: resolved ? 'resolved' : 'open', title: `Ticket ${s.id}`, category: 'general',
        priority: s.priority, impact: null, urgency: null, queue_id: s.queue,
        assignee_id: s.assignee ? ids[s.assignee]! : null, requester_id: ids.requester!, fields: '{}', sla_policy: 'office-hours',
        response_due_at: s.responseDue ? iso(s.responseDue) : null, resolution_due_at: s.resolutionDue ? iso(s.resolutionDue) : null,
        idempotency_key: null, created_at: iso(s.created), updated_at: iso(s.resolved ?? s.created), row_version: 3,
        first_response_at: s.firstResponse ? iso(s.firstResponse) : null,
        resolved_at: resolved ? iso(s.resolved!) : null, resolution_code: resolved ? 'solved' : null, resolution_notes: resolved ? 'Done' : null,
        satisfaction_rating: s.rating ?? null, satisfaction_comment: s.comment ?? null,
        held_by_groups: JSON.stringify(s.heldBy ?? []), manager_flagged_at: s.managerFlagged ? iso(s.managerFlagged) : null,
        sla_pauses: JSON.stringify(pauses),
      })
      .execute();
    for (let i = 0; i < (s.reopens ?? 0); i++) {
      await db.insertInto('ticket_events').values({ ticket_id: s.id, type: 'ticket.reopened', actor_id: ids.requester!, data: '{"by":"requester"}', created_at: iso(s.resolved!) }).execute();
    }
  }
}

/** A CSV download, parsed (the report's cells have no quotes or commas). */
const parseCsv = (text: string) => text.trimEnd().split('\r\n').map((line) => line.split(','));
const asCsvCells = (rows: unknown[][]) => rows.map((r) => r.map((v) => (v === null ? '' : String(v))));

describe('reports over Christmas 2026', () => {
  let t: TestDesk;
  let manager: Client;
  let admin: Client;
  const ids: Record<string, string> = {};
  const report = async (name: string, query = period) => {
    const res = await manager.get(`/api/reports/${name}?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { columns: string[]; rows: unknown[][]; summary?: Record<string, number | null>; period: unknown };
  };
  const rowsAsObjects = (r: { columns: string[]; rows: unknown[][] }) => r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c, row[i]])));

  beforeAll(async () => {
    t = await startTestDesk({ now: () => now });
    [manager, admin] = await Promise.all([t.as('manager@example.com'), t.as('admin@example.com')]);
    for (const who of ['agent', 'specialist', 'requester'] as const) {
      ids[who] = (await t.desk.context.db.selectFrom('users').select('id').where('email', '=', `${who}@example.com`).executeTakeFirstOrThrow()).id;
    }
    await seed(t, ids);
  });
  afterAll(() => t?.close());

  it('counts first response and resolution targets met and breached per queue and priority, on business time', async () => {
    const sla = rowsAsObjects(await report('sla'));
    expect(sla).toEqual([
      {
        queue: 'end-user-devices', queueName: 'End-user devices', priority: 'P4',
        responseMet: 1, responseBreached: 0, responseMetPct: 100, resolutionMet: 1, resolutionBreached: 0, resolutionMetPct: 100,
      },
      {
        queue: 'first-line', queueName: 'First line', priority: 'P3',
        responseMet: 2, responseBreached: 1, responseMetPct: 66.7, resolutionMet: 2, resolutionBreached: 1, resolutionMetPct: 66.7,
      },
    ]);
  });

  it('gives mean and median minutes to first response and to resolution, in business and wall time', async () => {
    expect(rowsAsObjects(await report('times'))).toEqual([
      { measure: 'first-response', clock: 'business', tickets: 4, meanMinutes: 105, medianMinutes: 45 },
      { measure: 'first-response', clock: 'wall', tickets: 4, meanMinutes: 442.5, medianMinutes: 180 },
      { measure: 'resolution', clock: 'business', tickets: 4, meanMinutes: 547.5, medianMinutes: 195 },
      { measure: 'resolution', clock: 'wall', tickets: 4, meanMinutes: 4710, medianMinutes: 4200 },
    ]);
  });

  it('gives first-contact resolution, reopen and escalation rates', async () => {
    expect(rowsAsObjects(await report('quality'))).toEqual([
      { measure: 'first-contact-resolution', tickets: 2, outOf: 4, pct: 50 },
      { measure: 'reopened', tickets: 1, outOf: 4, pct: 25 },
      { measure: 'functional-escalation', tickets: 1, outOf: 6, pct: 16.7 },
      { measure: 'hierarchical-escalation', tickets: 1, outOf: 6, pct: 16.7 },
      { measure: 'complaints', tickets: 0, outOf: 6, pct: 0 },
    ]);
  });

  it('gives satisfaction: the average, each rating 1–5 and the comments, newest first', async () => {
    const satisfaction = await report('satisfaction');
    expect(satisfaction.summary).toEqual({ responses: 3, average: 3.67 });
    expect(satisfaction.rows).toEqual([[1, 0, 0], [2, 1, 33.3], [3, 0, 0], [4, 1, 33.3], [5, 1, 33.3]]);
    expect((await report('comments')).rows).toEqual([
      ['REQ-2', '2026-12-30', 2, 'Took a week'],
      ['REQ-1', '2026-12-29', 5, 'Quick and friendly'],
    ]);
  });

  it('counts created and resolved per day and the backlog at each day end, in the viewer\'s time zone', async () => {
    const volume = await report('volume');
    expect(volume.rows).toEqual([
      ['2026-12-21', 0, 0, 1], ['2026-12-22', 0, 0, 1], ['2026-12-23', 1, 0, 2], ['2026-12-24', 1, 0, 3],
      ['2026-12-25', 0, 0, 3], ['2026-12-26', 0, 0, 3], ['2026-12-27', 0, 0, 3], ['2026-12-28', 1, 0, 4],
      ['2026-12-29', 3, 3, 4], ['2026-12-30', 0, 1, 3], ['2026-12-31', 0, 0, 3],
    ]);
    // In Tokyo, T1 (16:00 UTC on the 24th) was logged on Christmas Day.
    const tokyo = await report('volume', `${period}&timeZone=Asia/Tokyo`);
    expect(tokyo.rows.find((r) => r[0] === '2026-12-24')?.[1]).toBe(0);
    expect(tokyo.rows.find((r) => r[0] === '2026-12-25')?.[1]).toBe(1);
  });

  it('shows workload per agent and the filters narrow every figure', async () => {
    expect(rowsAsObjects(await report('agents'))).toEqual([
      { agent: ids.specialist, agentName: 'Nia Specialist', open: 0, resolved: 1, meanResolutionMinutes: 210, averageRating: 4 },
      { agent: ids.agent, agentName: 'Sam Agent', open: 1, resolved: 3, meanResolutionMinutes: 660, averageRating: 3.5 },
    ]);
    const mine = await report('sla', `${period}&agent=${ids.specialist}`);
    expect(mine.rows.map((r) => r[0])).toEqual(['end-user-devices']);
    const p3 = await report('times', `${period}&queue=first-line&priority=P3`);
    expect(p3.rows[2]).toEqual(['resolution', 'business', 3, 660, 180]);
    const network = await report('quality', `${period}&group=network-team`);
    expect(network.rows[2]).toEqual(['functional-escalation', 1, 1, 100]);
  });

  it("shows today's numbers per queue for the live dashboard", async () => {
    expect(rowsAsObjects(await report('today'))).toEqual([
      { queue: 'first-line', queueName: 'First line', open: 2, unassigned: 1, breachingSoon: 0, breached: 1, oldestCreatedAt: '2026-12-10T09:00:00.000Z' },
      { queue: 'network', queueName: 'Network', open: 1, unassigned: 1, breachingSoon: 1, breached: 0, oldestCreatedAt: '2026-12-29T10:00:00.000Z' },
    ]);
  });

  it('downloads every table as CSV holding exactly the JSON rows', async () => {
    for (const name of ['volume', 'backlog', 'today', 'sla', 'times', 'quality', 'agents', 'satisfaction', 'comments']) {
      const json = await report(name);
      const csv = await admin.get(`/api/reports/${name}?${period}&format=csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="${name}-2026-12-21-2026-12-31.csv"`);
      expect(parseCsv(csv.body as string), name).toEqual([json.columns, ...asCsvCells(json.rows)]);
    }
  });

  it('refuses agents, specialists and requesters, and asks anonymous callers to sign in', async () => {
    for (const who of ['agent', 'specialist', 'requester']) {
      const res = await (await t.as(`${who}@example.com`)).get(`/api/reports/sla?${period}`);
      expect(res.status, who).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await t.anonymous().get('/api/reports/sla')).status).toBe(401);
  });

  it.each([
    ['a period over 5 years', 'from=2020-01-01&to=2026-12-31', 'query.to', 'the period may be at most 5 years'],
    ['an unknown filter', 'colour=red', 'query.colour', '"colour" is not a setting here'],
    ['an unknown queue', 'queue=facilities', 'query.queue', 'there is no queue "facilities"'],
    ['an unknown group', 'group=facilities-team', 'query.group', 'there is no group "facilities-team"'],
    ['an unknown workflow', 'workflow=nope', 'query.workflow', 'there is no published workflow "nope"'],
    ['a date that does not exist', 'from=2026-02-30', 'query.from', 'is not a real date'],
    ['an unknown time zone', 'timeZone=Mars/Olympus', 'query.timeZone', 'must be an IANA time zone like "Europe/London"'],
  ])('answers %s with a 422 naming the parameter', async (_what, query, path, message) => {
    const res = await manager.get(`/api/reports/sla?${query}`);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors).toEqual([{ path, message }]);
  });
});
