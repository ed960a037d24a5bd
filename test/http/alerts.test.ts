/**
 * Alertmanager posts its own webhook payloads (fixtures copied from
 * Alertmanager, see test/fixtures/alerts/README.md) to a real desk over
 * HTTP: alerts become incidents through the same intake as forms, repeat
 * sightings are counted on the open incident, resolved alerts resolve it,
 * flapping reopens it, and people validate the alerts a source asks them to.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/alerts/${name}`, import.meta.url), 'utf8'));
const firing = fixture('disk-running-full.firing.json');
const resolved = fixture('disk-running-full.resolved.json');
const shippedSource = JSON.parse(readFileSync(new URL('../../workflows/alert-sources/prometheus.json', import.meta.url), 'utf8'));

let now = new Date('2026-12-03T10:00:00.000Z');
const later = (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000));

let t: TestDesk;
let admin: Client;
let agent: Client;
let token: string;

/** Posts as Alertmanager does: JSON with the source's bearer token, no cookie. */
const post = (body: unknown, bearer: string | null = token, source = 'prometheus') =>
  fetch(`${t.url}/api/alerts/${source}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer !== null ? { authorization: `Bearer ${bearer}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  }).then(async (res) => ({ status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as any }));

const logSize = async () => (await admin.get('/api/admin/alert-log?limit=200')).body.items.length as number;
const outboxSize = async () => (await admin.get('/api/admin/outbox?limit=200')).body.items.length as number;
const ticket = async (id: number) => (await agent.get(`/api/tickets/${id}`)).body;
const alertsOf = async (id: number) => (await agent.get(`/api/tickets/${id}/alerts`)).body.items;
const ticketCount = async () => (await admin.get('/api/tickets?limit=100')).body.items.length as number;

beforeAll(async () => {
  t = await startTestDesk({ now: () => now });
  admin = await t.as('admin@example.com');
  agent = await t.as('agent@example.com');
  const created = await admin.post('/api/admin/alert-sources', shippedSource);
  expect(created.status).toBe(201);
  token = created.body.token;
});
afterAll(() => t.close());

describe('alert sources', () => {
  it('shows the token once and never again, and refuses a mapping with a rule the desk does not run', async () => {
    expect(token).toMatch(/^dwa_/);
    const listed = await admin.get('/api/admin/alert-sources');
    expect(listed.body.items).toEqual([expect.objectContaining({ id: 'prometheus', url: '/api/alerts/prometheus', workflow: 'infrastructure-alert' })]);
    expect(JSON.stringify(listed.body)).not.toContain(token);

    const bad = await admin.post('/api/admin/alert-sources', {
      ...shippedSource,
      id: 'bad',
      mapping: { fields: { summary: { log: 'x' }, nonsense: { var: 'labels.a' } }, validate: { '==': [{ var: '__proto__.x' }, 1] } },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'mapping.fields.summary', message: '"log" is not a rule operator this desk knows' },
        { path: 'mapping.fields.nonsense', message: `the workflow's form has no field "nonsense"` },
        expect.objectContaining({ path: 'mapping.validate.==[0].var' }),
      ]),
    );
    expect((await admin.post('/api/admin/alert-sources', shippedSource)).status).toBe(409);
    expect((await agent.get('/api/admin/alert-sources')).status).toBe(403);
  });
});

describe('a source posting', () => {
  const ids: number[] = [];

  it('refuses a missing or wrong token, or an unknown source, with 401 and stores nothing', async () => {
    for (const [bearer, source] of [[null, 'prometheus'], ['dwa_wrong', 'prometheus'], [token, 'no-such-source']] as const) {
      const res = await post(firing, bearer, source);
      expect(res.status).toBe(401);
      expect(res.type).toContain('application/problem+json');
      expect(res.body.code).toBe('bad-token');
    }
    // A person's session or API token is not a source token either.
    const personal = await admin.post('/api/admin/tokens', { name: 'mine' });
    expect((await post(firing, personal.body.token)).status).toBe(401);
    expect(await logSize()).toBe(0);
    expect(await ticketCount()).toBe(0);
  });

  it('refuses a payload of another shape with 422 naming the path, and stores nothing', async () => {
    const exec = await post(fixture('exec-notifier-success.json'));
    expect(exec.status).toBe(422);
    expect(exec.body.errors).toEqual([{ path: 'version', message: 'must be one of "4"' }]);
    const fourth = { ...firing, alerts: [...firing.alerts, { ...firing.alerts[0], labels: 'sda1' }] };
    const bad = await post(fourth);
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ path: 'alerts[3].labels', message: 'must be a record' }]);
    expect((await post('{"version": "4", ')).status).toBe(400);
    expect(await logSize()).toBe(0);
    expect(await ticketCount()).toBe(0);
  });

  it('turns a firing group of 3 into 3 incidents in the infrastructure queue, prioritised by severity', async () => {
    const res = await post(firing);
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: any) => r.outcome)).toEqual(['created', 'created', 'created']);
    ids.push(...res.body.results.map((r: any) => r.ticketId));
    const tickets = await Promise.all(ids.map(ticket));
    expect(tickets.map((x) => [x.ticket.queue, x.ticket.priority, x.ticket.status])).toEqual([
      ['infrastructure', 'P1', 'new'],
      ['infrastructure', 'P2', 'new'],
      ['infrastructure', 'P2', 'new'],
    ]);
    expect(tickets[1].ticket.title).toBe('Disk sda2 on example1 is running full');
    expect(tickets[1].ticket.fields).toMatchObject({ severity: 'warning', alertname: 'DiskRunningFull', instance: 'example1' });
    const [alert] = await alertsOf(ids[0]!);
    expect(alert).toMatchObject({ dedupKey: firing.alerts[0].fingerprint, count: 1, status: 'firing', labels: firing.alerts[0].labels, generatorURL: firing.alerts[0].generatorURL });
    expect(await logSize()).toBe(3);
  });

  it('changes nothing when Alertmanager retries the same POST', async () => {
    const outbox = await outboxSize();
    const again = await post(firing);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ received: 3, replay: true, results: [] });
    expect(await logSize()).toBe(3);
    expect((await alertsOf(ids[0]!))[0].count).toBe(1);
    expect(await outboxSize()).toBe(outbox);
  });

  it('counts the same group sent again later on the open incidents: no new ticket, no new mail', async () => {
    const outbox = await outboxSize();
    later(10);
    const res = await post(firing);
    expect(res.body.results.map((r: any) => [r.outcome, r.ticketId])).toEqual(ids.map((id) => ['fired-again', id]));
    expect(await ticketCount()).toBe(3);
    const [alert] = await alertsOf(ids[0]!);
    expect(alert).toMatchObject({ count: 2, lastSeenAt: now.toISOString() });
    const events = (await ticket(ids[0]!)).events.filter((e: any) => e.type === 'alert.fired');
    expect(events).toEqual([expect.objectContaining({ data: expect.objectContaining({ count: 2, lastSeenAt: now.toISOString() }) })]);
    expect(await outboxSize()).toBe(outbox);
    expect(await logSize()).toBe(6);
  });

  it('resolves the untouched incidents when the alerts resolve, and tells the assignee of the one an agent works', async () => {
    const me = (await agent.get('/api/me')).body.user.id;
    expect((await agent.post(`/api/tickets/${ids[1]}/assign`, { agentId: me })).status).toBe(200);
    later(5);
    const res = await post(resolved);
    expect(res.body.results.map((r: any) => r.outcome)).toEqual(['resolved', 'resolved', 'resolved']);
    const [first, second, third] = await Promise.all(ids.map(ticket));
    expect(first.ticket.status).toBe('resolved');
    expect(third.ticket.status).toBe('resolved');
    // Nobody asked for these: no confirmation is asked of anyone.
    expect(first.events.some((e: any) => e.type === 'notification.queued' && e.data.template === 'confirm-resolution')).toBe(false);
    expect(second.ticket.status).toBe('open');
    expect(second.events.map((e: any) => e.type)).toContain('alert.resolved');
    expect(second.events).toContainEqual(expect.objectContaining({ type: 'notification.queued', data: expect.objectContaining({ template: 'alert-resolved', to: 'agent@example.com' }) }));
  });

  it('reopens the same incident when a resolved alert fires again within the flap window', async () => {
    later(3);
    const flap = { ...firing, alerts: [{ ...firing.alerts[0], annotations: { ...firing.alerts[0].annotations, value: '97%' } }] };
    const res = await post(flap);
    expect(res.body.results).toEqual([expect.objectContaining({ outcome: 'reopened', ticketId: ids[0] })]);
    const reopened = await ticket(ids[0]!);
    expect(reopened.ticket.status).toBe('open');
    expect(reopened.events.map((e: any) => e.type)).toContain('ticket.reopened');
    expect(await ticketCount()).toBe(3);
  });

  it('opens a new incident when a resolved alert fires again after the flap window', async () => {
    later(60);
    const res = await post({ ...firing, alerts: [firing.alerts[2]] });
    expect(res.body.results).toEqual([expect.objectContaining({ outcome: 'created' })]);
    expect(res.body.results[0].ticketId).not.toBe(ids[2]);
    expect(await ticketCount()).toBe(4);
  });
});

describe('a mapping that fails for one alert', () => {
  it('records the failure on that alert and handles the others, answering 200', async () => {
    const strict = await admin.post('/api/admin/alert-sources', {
      ...shippedSource,
      id: 'strict',
      name: 'Strict mapping',
      mapping: { fields: { summary: { var: 'annotations.summary' }, severity: { var: 'labels.severity' } } },
    });
    expect(strict.status).toBe(201);
    const group = {
      ...firing,
      alerts: [
        { ...firing.alerts[0], fingerprint: 'aaaa000000000001' },
        { ...firing.alerts[1], fingerprint: 'aaaa000000000002', annotations: {} },
        { ...firing.alerts[2], fingerprint: 'aaaa000000000003', labels: { ...firing.alerts[2].labels, severity: 'page' } },
      ],
    };
    const res = await post(group, strict.body.token, 'strict');
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: any) => r.outcome)).toEqual(['created', 'failed', 'failed']);
    expect(res.body.results[1].error).toContain('fields.summary: is required');
    expect(res.body.results[2].error).toContain('fields.severity');
    const failed = (await admin.get('/api/admin/alert-log?source=strict&outcome=failed')).body.items;
    expect(failed.map((e: any) => e.dedupKey).sort()).toEqual(['aaaa000000000002', 'aaaa000000000003']);
    expect(JSON.parse(failed.find((e: any) => e.dedupKey === 'aaaa000000000002').raw)).toEqual(group.alerts[1]);
  });
});

describe('alerts awaiting validation', () => {
  const info = (n: number, extra: Record<string, unknown> = {}) => ({
    ...firing.alerts[0],
    labels: { alertname: 'CertificateExpiresSoon', instance: `web-${n}`, severity: 'info' },
    annotations: { summary: `Certificate of web-${n} expires in 20 days` },
    fingerprint: `bbbb00000000000${n}`,
    ...extra,
  });

  it('wait in a list the agents work: one becomes an incident, one is linked, one is dismissed with a reason', async () => {
    const res = await post({ ...firing, alerts: [info(1), info(2), info(3, { generatorURL: 'javascript:alert(1)' })] });
    expect(res.body.results.map((r: any) => r.outcome)).toEqual(['awaiting-validation', 'awaiting-validation', 'awaiting-validation']);
    const before = await ticketCount();
    const list = await agent.get('/api/alerts/awaiting');
    expect(list.body.total).toBe(3);
    const [one, two, three] = list.body.items;
    expect(three.generatorURL).toBeNull();

    const made = await agent.post(`/api/alerts/${one.id}/incident`, { fields: { severity: 'warning' } });
    expect(made.status).toBe(201);
    const incident = await ticket(made.body.ticketId);
    expect(incident.ticket).toMatchObject({ title: 'Certificate of web-1 expires in 20 days', priority: 'P2', queue: 'infrastructure' });
    expect((await alertsOf(made.body.ticketId))[0]).toMatchObject({ id: one.id, review: 'accepted' });

    expect((await agent.post(`/api/alerts/${two.id}/link`, { ticketId: made.body.ticketId })).body.alert).toMatchObject({ review: 'linked', ticketId: made.body.ticketId });
    expect((await agent.post(`/api/alerts/${three.id}/dismiss`, { reason: ' ' })).status).toBe(422);
    expect((await agent.post(`/api/alerts/${three.id}/dismiss`, { reason: 'Renewal already booked' })).body.alert).toMatchObject({ review: 'dismissed', reviewReason: 'Renewal already booked' });
    expect((await agent.post(`/api/alerts/${three.id}/dismiss`, { reason: 'again' })).status).toBe(409);
    expect((await agent.get('/api/alerts/awaiting')).body).toMatchObject({ items: [], total: 0 });
    expect(await ticketCount()).toBe(before + 1);

    // The dismissed alert firing again is counted, not brought back.
    later(10);
    expect((await post({ ...firing, alerts: [info(3)] })).body.results[0].outcome).toBe('fired-again');
    expect((await agent.get('/api/alerts/awaiting')).body.total).toBe(0);
    expect((await t.anonymous().get('/api/alerts/awaiting')).status).toBe(401);
  });
});

describe('the alert log', () => {
  it('is searchable by admins only', async () => {
    const found = (await admin.get('/api/admin/alert-log?q=sda2')).body.items;
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((e: any) => e.raw.includes('sda2'))).toBe(true);
    expect((await agent.get('/api/admin/alert-log')).status).toBe(403);
  });
});

describe('changing a source', () => {
  it('needs the version it was read at, and a rotated token replaces the old one at once', async () => {
    const current = (await admin.get('/api/admin/alert-sources/prometheus')).body.source;
    const { id: _, ...body } = shippedSource;
    const changed = await admin.put('/api/admin/alert-sources/prometheus', { ...body, name: 'Prometheus (prod)', rowVersion: current.rowVersion });
    expect(changed.status).toBe(200);
    expect(changed.body.source.name).toBe('Prometheus (prod)');
    expect((await admin.put('/api/admin/alert-sources/prometheus', { ...body, rowVersion: current.rowVersion })).status).toBe(409);

    const rotated = await admin.post('/api/admin/alert-sources/prometheus/token');
    expect(rotated.status).toBe(200);
    later(10);
    expect((await post(firing, token)).status).toBe(401);
    expect((await post(firing, rotated.body.token)).status).toBe(200);
    token = rotated.body.token;
  });
});

// Last: a 413 answers before the body is read and closes the connection.
describe('an oversized POST', () => {
  it('is refused with 413 and stores nothing', async () => {
    const before = await logSize();
    const body = JSON.stringify({ ...firing, alerts: Array.from({ length: 900 }, (_, i) => ({ ...firing.alerts[0], annotations: { description: 'x'.repeat(1200) }, fingerprint: `big${i}` })) });
    expect(body.length).toBeGreaterThan(1024 * 1024);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(new URL('/api/alerts/prometheus', t.url), { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` } });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(body);
    });
    expect(status).toBe(413);
    expect(await logSize()).toBe(before);
  });
});
