/**
 * Running the desk as a service, over real HTTP against a real SQLite file:
 * /readyz says when the desk should not get traffic and why, /metrics is
 * for admins (or a METRICS_BIND listener) and counts what Prometheus needs,
 * and the log has one JSON line per request, with the id the desk answered
 * in X-Request-Id, and never a password, token, cookie or SMTP credential.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { startDesk, type RunningDesk } from '../../server/desk.ts';
import { createLogger } from '../../server/observability/logger.ts';

const smtpPassword = 'smtp-pass-Qx81';
const lines: string[] = [];
const records = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
let dir: string;
let desk: RunningDesk;
let adminCookie: string;
let requesterCookie: string;
let adminToken: string;

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${desk.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'deskwright-demo' }) });
  expect(res.status).toBe(200);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

const get = (path: string, headers: Record<string, string> = {}) => fetch(desk.url + path, { headers });
const submit = (summary: string) =>
  fetch(`${desk.url}/api/workflows/it-incident/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: requesterCookie, origin: desk.url },
    body: JSON.stringify({ fields: { summary, service: 'vpn', impact: 'me', urgency: 'low', details: 'x' } }),
  });

/** The value of one sample in a scrape, e.g. `deskwright_tickets_created_total{kind="incident"}`. */
const sample = (scrape: string, series: string) => {
  const line = scrape.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};
const scrape = async () => {
  const res = await get('/metrics', { authorization: `Bearer ${adminToken}` });
  expect(res.status).toBe(200);
  return res.text();
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'deskwright-ops-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DESK_DB: join(dir, 'desk.sqlite'),
    // Nothing listens there: mail waits in the outbox, and the URL's password must never be logged.
    SMTP_URL: `smtp://desk:${smtpPassword}@127.0.0.1:9`,
    METRICS_BIND: '127.0.0.1:0',
  });
  desk = await startDesk({ config, mode: 'demo', log: createLogger({ level: 'info', write: (l) => lines.push(l) }) });
  await desk.dispatcher?.stop();
  adminCookie = await signIn('admin@example.com');
  requesterCookie = await signIn('requester@example.com');
  const issued = await fetch(`${desk.url}/api/admin/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: adminCookie, origin: desk.url },
    body: JSON.stringify({ name: 'Prometheus' }),
  });
  adminToken = ((await issued.json()) as { token: string }).token;
});
afterAll(async () => {
  await desk.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('/readyz', () => {
  it('is ready when the migrations are done and the database takes writes', async () => {
    const res = await get('/readyz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', checks: { migrations: 'ok', database: 'ok', shutdown: 'ok' } });
  });

  it('is not ready, saying why, while the database refuses writes', async () => {
    desk.database.sqlite.pragma('query_only = 1');
    try {
      const res = await get('/readyz');
      expect(res.status).toBe(503);
      const body = (await res.json()) as { checks: { database: string } };
      expect(body).toMatchObject({ status: 'not-ready', checks: { migrations: 'ok', shutdown: 'ok' } });
      expect(body.checks.database).toMatch(/^not writable: .*readonly/i);
      expect((await get('/healthz')).status).toBe(200);
    } finally {
      desk.database.sqlite.pragma('query_only = 0');
    }
    expect((await get('/readyz')).status).toBe(200);
  });

  it('is not ready while a migration is pending, naming it', async () => {
    const last = desk.database.sqlite.prepare('SELECT name, timestamp FROM kysely_migration ORDER BY name DESC LIMIT 1').get() as { name: string; timestamp: string };
    desk.database.sqlite.prepare('DELETE FROM kysely_migration WHERE name = ?').run(last.name);
    try {
      const res = await get('/readyz');
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'not-ready', checks: { migrations: `pending: ${last.name}`, database: 'ok' } });
    } finally {
      desk.database.sqlite.prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)').run(last.name, last.timestamp);
    }
  });
});

describe('/metrics', () => {
  it('is for admins: 401 without anyone signed in, 403 for a requester', async () => {
    expect((await get('/metrics')).status).toBe(401);
    expect((await get('/metrics', { authorization: 'Bearer not-a-token' })).status).toBe(401);
    expect((await get('/metrics', { cookie: requesterCookie })).status).toBe(403);
  });

  it('counts requests by route and status, their latency, tickets created and the outbox backlog', async () => {
    const before = await scrape();
    const res = await submit('Metrics ticket');
    expect(res.status).toBe(201);
    const after = await scrape();
    expect(await get('/metrics', { cookie: adminCookie }).then((r) => r.headers.get('content-type'))).toBe('text/plain; version=0.0.4; charset=utf-8');

    const created = 'deskwright_tickets_created_total{kind="incident"}';
    expect(sample(after, created)).toBe((sample(before, created) ?? 0) + 1);
    const submissions = 'deskwright_http_requests_total{method="POST",route="/api/workflows/:id/submissions",status="201"}';
    expect(sample(after, submissions)).toBe((sample(before, submissions) ?? 0) + 1);
    expect(sample(after, 'deskwright_http_request_duration_seconds_count{method="POST",route="/api/workflows/:id/submissions"}')).toBeGreaterThanOrEqual(1);
    expect(after).toMatch(/^deskwright_http_request_duration_seconds_bucket\{method="POST",route="\/api\/workflows\/:id\/submissions",le="\+Inf"\} \d+$/m);
    // Ids never become labels.
    const ticket = ((await res.json()) as { ticket: { id: number } }).ticket;
    await get(`/api/tickets/${ticket.id}`, { cookie: adminCookie });
    expect(await scrape()).toContain('route="/api/tickets/:id",status="200"');
    expect(await scrape()).not.toContain(`/api/tickets/${ticket.id}`);

    // The dispatcher is stopped: the acknowledgement and the first-line queue's notice to each of its two members wait in the outbox.
    const pending = 'deskwright_outbox_messages{kind="mail",status="pending"}';
    expect(sample(after, pending)).toBe((sample(before, pending) ?? 0) + 3);
    expect(sample(after, 'deskwright_outbox_messages{kind="mail",status="failed"}')).toBe(0);
    desk.database.sqlite.prepare("UPDATE outbox SET status = 'failed' WHERE id = (SELECT max(id) FROM outbox)").run();
    expect(sample(await scrape(), 'deskwright_outbox_messages{kind="mail",status="failed"}')).toBe(1);
    expect(sample(after, 'deskwright_outbox_oldest_due_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(after, 'deskwright_escalation_lag_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('shows how far the escalation scheduler runs behind', async () => {
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const id = (desk.database.sqlite.prepare('SELECT min(id) AS id FROM tickets').get() as { id: number }).id;
    await desk.escalations?.stop();
    desk.database.sqlite.prepare('UPDATE tickets SET escalation_check_at = ? WHERE id = ?').run(hourAgo, id);
    expect(sample(await scrape(), 'deskwright_escalation_lag_seconds')).toBeGreaterThanOrEqual(3600);
  });

  it('is served without a token on the METRICS_BIND listener, and nothing else is', async () => {
    expect(desk.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const res = await fetch(desk.metricsUrl!);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^deskwright_tickets_created_total\{kind="incident"\} \d+$/m);
    expect((await fetch(desk.metricsUrl!.replace('/metrics', '/api/tickets'))).status).toBe(404);
  });
});

describe('the request log', () => {
  it('has one JSON line per request with the id answered in X-Request-Id', async () => {
    const res = await get('/healthz');
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const line = records().find((r) => r.requestId === id);
    expect(line).toMatchObject({ level: 'info', msg: 'request', method: 'GET', path: '/healthz', route: '/healthz', status: 200 });
    expect(line?.durationMs).toEqual(expect.any(Number));
    expect(records().filter((r) => r.requestId === id)).toHaveLength(1);

    const given = await get('/api/catalog', { cookie: requesterCookie, 'x-request-id': 'lb-7f3a.21' });
    expect(given.headers.get('x-request-id')).toBe('lb-7f3a.21');
    expect(records().find((r) => r.requestId === 'lb-7f3a.21')).toMatchObject({ path: '/api/catalog', status: 200, userId: expect.any(String) });
    const forged = await get('/healthz', { 'x-request-id': 'x","level":"error' });
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never holds a password, session cookie, API token or the SMTP password', async () => {
    await fetch(`${desk.url}/api/auth/login?password=deskwright-demo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'agent@example.com', password: 'deskwright-demo' }) });
    await get('/api/tickets', { authorization: `Bearer ${adminToken}` });
    await get('/api/me', { cookie: adminCookie });
    const log = lines.join('\n');
    expect(lines.length).toBeGreaterThan(10);
    expect(log).toContain('"msg":"desk started"');
    expect(log).toContain('"path":"/api/auth/login"');
    for (const secret of ['deskwright-demo', adminToken, adminCookie.split('=')[1]!, requesterCookie.split('=')[1]!, smtpPassword]) expect(log).not.toContain(secret);
  });

  it('logs what failed with a 500, under the request’s id, and does not tell the caller', async () => {
    desk.database.sqlite.exec('DROP TABLE saved_views');
    const res = await get('/api/views', { cookie: adminCookie });
    expect(res.status).toBe(500);
    const body = (await res.json()) as { detail: string };
    expect(body.detail).not.toContain('saved_views');
    const failure = records().find((r) => r.msg === 'request failed' && r.requestId === res.headers.get('x-request-id'));
    expect(failure).toMatchObject({ level: 'error', path: '/api/views', error: { message: expect.stringContaining('no such table: saved_views') } });
  });
});
