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
  assignee?: 'agent' | 'specialist' | 'manager' | null;
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
  workflow?: 'complaint';
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

async function seed(t: TestDesk, ids: Record<string, string>, list: Seed[] = seeds) {
  const db = t.desk.context.db;
  const versions = await db.selectFrom('workflow_versions').select(['id', 'workflow_id']).where('workflow_id', 'in', ['service-request', 'complaint']).execute();
  for (const s of list) {
    const workflow = s.workflow ?? 'service-request';
    const version = versions.find((v) => v.workflow_id === workflow)!;
    const resolved = s.status !== 'open';
    const pauses = [...(s.pauses ?? []), ...(resolved ? [{ from: s.resolved!, to: null }] : [])].map((p) => ({ from: iso(p.from), to: p.to === null ? null : iso(p.to) }));
    await db
      .insertInto('tickets')
      .values({
        id: s.id, workflow_id: workflow, workflow_version_id: version.id, kind: 'request',
        status: resolved ? 'resolved' : 'open', state_class: resolved ? 'resolved' : 'open', title: `Ticket ${s.id}`, category: 'general',
        priority: s.priority, impact: null, urgency: null, queue_id: s.queue,
        assignee_id: s.assignee ? ids[s.assignee]! : null, requester_id: ids.requester!, fields: '{}', sla_policy: workflow === 'complaint' ? 'complaints' : 'office-hours',
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
    for (const who of ['agent', 'specialist', 'manager', 'requester'] as const) {
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
      { agent: ids.specialist, agentName: 'Nia Specialist', open: 0, resolved: 1, meanResolutionMinutes: 210, averageRating: 4, onShiftHours: null },
      { agent: ids.agent, agentName: 'Sam Agent', open: 1, resolved: 3, meanResolutionMinutes: 660, averageRating: 3.5, onShiftHours: null },
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
    for (const name of ['volume', 'backlog', 'today', 'sla', 'times', 'quality', 'agents', 'satisfaction', 'comments', 'complaints', 'deflections']) {
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

/**
 * Complaints (the shipped complaint workflow, on the complaints SLA policy:
 * P3 answer in 540 business minutes, resolve in 5400; P1 60 and 1080), duty
 * rotas and knowledge deflections over the same Christmas period.
 * C1 P3: logged Tue 22nd 10:00, answered in 60, resolved Wed 23rd 10:00 after 450 + 90 = 540 (both met).
 * C2 P3: logged Wed 23rd, still open. C3 P1: logged Tue 29th 09:00, answered in 30 (met),
 *        resolved Thu 31st 10:00 after 510 + 540 + 90 = 1140 (breached: 1080). C4: before the period, open.
 * S1: a service request on the 22nd (not a complaint), open.
 */
const complaintSeeds: Seed[] = [
  { id: 11, workflow: 'complaint', queue: 'complaints', priority: 'P3', created: '2026-12-22T10:00', assignee: 'manager', firstResponse: '2026-12-22T11:00', resolved: '2026-12-23T10:00' },
  { id: 12, workflow: 'complaint', queue: 'complaints', priority: 'P3', created: '2026-12-23T09:00', status: 'open', assignee: null },
  { id: 13, workflow: 'complaint', queue: 'complaints', priority: 'P1', created: '2026-12-29T09:00', assignee: 'manager', firstResponse: '2026-12-29T09:30', resolved: '2026-12-31T10:00' },
  { id: 14, workflow: 'complaint', queue: 'complaints', priority: 'P3', created: '2026-12-01T09:00', status: 'open', assignee: null },
  { id: 15, queue: 'first-line', priority: 'P3', created: '2026-12-22T12:00', status: 'open', assignee: 'agent' },
];

describe('complaints, on-shift hours and deflected requests over Christmas 2026', () => {
  let t: TestDesk;
  let manager: Client;
  const ids: Record<string, string> = {};
  const report = async (name: string, query = period) => {
    const res = await manager.get(`/api/reports/${name}?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { columns: string[]; rows: unknown[][]; summary?: Record<string, number | null>; filters: Record<string, string> };
  };
  const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'];

  beforeAll(async () => {
    t = await startTestDesk({ now: () => now });
    manager = await t.as('manager@example.com');
    for (const who of ['agent', 'specialist', 'manager', 'requester'] as const) {
      ids[who] = (await t.desk.context.db.selectFrom('users').select('id').where('email', '=', `${who}@example.com`).executeTakeFirstOrThrow()).id;
    }
    await seed(t, ids, complaintSeeds);
    const rota = (timeZone: string, shifts: { member: string; days: string[]; from: string; to: string }[]) => ({ rota: { timeZone, shifts } });
    for (const [group, body] of [
      ['service-desk', rota('Europe/London', [{ member: 'Agent@example.com', days: weekdays, from: '08:00', to: '16:00' }])],
      ['network-team', rota('Europe/London', [{ member: 'specialist@example.com', days: ['sat', 'sun'], from: '10:00', to: '14:00' }])],
      ['devices-team', rota('Europe/London', [{ member: 'specialist@example.com', days: ['sat'], from: '12:00', to: '16:00' }])],
    ] as const) {
      const res = await manager.put(`/api/groups/${group}/rota`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const admin = await t.as('admin@example.com');
    const created = await admin.post('/api/admin/knowledge/articles', { category: 'network', audience: 'public', translations: { en: { title: 'Restart the router', body: 'Turn it off and on.' } } });
    const article = created.body.article as { id: number; rowVersion: number };
    expect((await admin.post(`/api/admin/knowledge/articles/${article.id}/status`, { status: 'published', rowVersion: article.rowVersion })).status).toBe(200);
    const requester = await t.as('requester@example.com');
    expect((await requester.post('/api/knowledge/deflections', { articleId: article.id, workflow: 'it-incident' })).status).toBe(204);
    expect((await requester.post('/api/knowledge/deflections', { articleId: article.id })).status).toBe(204);
    for (const [at, workflow] of [['2026-12-22T10:00', 'it-incident'], ['2026-12-22T15:00', 'service-request'], ['2026-12-20T10:00', 'it-incident']] as const) {
      await t.desk.context.db.insertInto('kb_deflections').values({ article_id: article.id, workflow_id: workflow, user_id: ids.requester!, created_at: iso(at) }).execute();
    }
  });
  afterAll(() => t?.close());

  it('counts complaints logged and resolved per day, the open ones, and their SLA', async () => {
    const complaints = await report('complaints');
    expect(complaints.columns).toEqual(['date', 'logged', 'resolved', 'open']);
    expect(complaints.rows).toEqual([
      ['2026-12-21', 0, 0, 1], ['2026-12-22', 1, 0, 2], ['2026-12-23', 1, 1, 2], ['2026-12-24', 0, 0, 2],
      ['2026-12-25', 0, 0, 2], ['2026-12-26', 0, 0, 2], ['2026-12-27', 0, 0, 2], ['2026-12-28', 0, 0, 2],
      ['2026-12-29', 1, 0, 3], ['2026-12-30', 0, 0, 3], ['2026-12-31', 0, 1, 2],
    ]);
    expect(complaints.summary).toEqual({
      logged: 3, resolved: 2, responseMet: 2, responseBreached: 0, responseMetPct: 100, resolutionMet: 1, resolutionBreached: 1, resolutionMetPct: 50,
    });
    // The complaints queue has its own line in the SLA table, and complaints are a share of everything logged.
    expect((await report('sla')).rows.filter((r) => r[0] === 'complaints').map((r) => [r[2], r[3], r[4], r[6], r[7]])).toEqual([['P1', 1, 0, 0, 1], ['P3', 1, 0, 1, 0]]);
    expect((await report('quality')).rows.find((r) => r[0] === 'complaints')).toEqual(['complaints', 3, 4, 75]);
  });

  it('narrows complaints with the filters', async () => {
    expect((await report('complaints', `${period}&priority=P1`)).summary).toMatchObject({ logged: 1, resolved: 1, resolutionMet: 0, resolutionBreached: 1 });
    const otherWorkflow = await report('complaints', `${period}&workflow=service-request`);
    expect(otherWorkflow.summary).toMatchObject({ logged: 0, resolved: 0, responseMetPct: null });
    expect(otherWorkflow.rows.every((r) => r[1] === 0 && r[3] === 0)).toBe(true);
    expect((await report('complaints', `${period}&agent=${ids.manager}`)).summary).toMatchObject({ logged: 2, resolved: 2 });
  });

  it('gives each agent the hours on shift the rotas give, up to now, beside their open and resolved tickets', async () => {
    const agents = await report('agents');
    // Sam: eight weekdays 08:00–16:00 and today until 12:00 (now) = 68 h. Nia: Saturday 10:00–16:00 across two
    // rotas counted once, Sunday 10:00–14:00 = 10 h. Mo is on no rota.
    expect(agents.rows).toEqual([
      [ids.manager, 'Mo Manager', 0, 2, 840, null, null],
      [ids.specialist, 'Nia Specialist', 0, 0, null, null, 10],
      [ids.agent, 'Sam Agent', 1, 0, null, null, 68],
    ]);
    expect((await report('agents', `${period}&group=network-team`)).rows).toEqual([[ids.specialist, 'Nia Specialist', 0, 0, null, null, 8]]);
    expect((await report('agents', `${period}&agent=${ids.agent}`)).rows).toEqual([[ids.agent, 'Sam Agent', 1, 0, null, null, 68]]);
  });

  it('counts deflected requests per day and workflow, against the tickets logged', async () => {
    const deflections = await report('deflections');
    expect(deflections.columns).toEqual(['date', 'workflow', 'workflowName', 'deflected']);
    expect(deflections.rows).toEqual([
      ['2026-12-22', 'it-incident', 'Something is broken', 1],
      ['2026-12-22', 'service-request', 'Request software or hardware', 1],
      ['2026-12-31', null, null, 1],
      ['2026-12-31', 'it-incident', 'Something is broken', 1],
    ]);
    expect(deflections.summary).toEqual({ deflected: 4, ticketsLogged: 4, deflectedPct: 50 });
    const incidents = await report('deflections', `${period}&workflow=it-incident&queue=first-line`);
    expect(incidents.rows.map((r) => r[0])).toEqual(['2026-12-22', '2026-12-31']);
    expect(incidents.summary).toEqual({ deflected: 2, ticketsLogged: 0, deflectedPct: 100 });
    // A deflected request has no queue: only the workflow filter applied.
    expect(incidents.filters).toEqual({ workflow: 'it-incident' });
  });

  it('downloads complaints, agents and deflections as CSV holding exactly the JSON rows', async () => {
    for (const name of ['complaints', 'agents', 'deflections']) {
      const json = await report(name);
      const csv = await manager.get(`/api/reports/${name}?${period}&format=csv`);
      expect(csv.status).toBe(200);
      expect(parseCsv(csv.body as string), name).toEqual([json.columns, ...asCsvCells(json.rows)]);
    }
  });
});
