/**
 * Intake throughput over HTTP at 50 connections: the desk's full submission
 * (validation, rules, priority, SLA, ticket + events + outbox in one
 * transaction) against a bare Hono handler and a bare Hono handler doing one
 * plain SQLite insert, measured in the same run.
 */
import autocannon from 'autocannon';
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { residentMb, startNode, startTs } from './process.ts';

export interface LoadResult {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
}

const fields = { summary: 'VPN drops every few minutes', service: 'vpn', impact: 'team', urgency: 'high', details: 'Since the update this morning.' };

async function load(name: string, url: string, options: { seconds: number; headers?: Record<string, string> }): Promise<LoadResult> {
  const body = JSON.stringify({ fields });
  const headers = { 'content-type': 'application/json', ...options.headers };
  // Warm up the JIT and caches before measuring.
  await autocannon({ url, method: 'POST', headers, body, connections: 10, duration: 1 });
  const r = await autocannon({ url, method: 'POST', headers, body, connections: 50, duration: options.seconds });
  return {
    name,
    requestsPerSecond: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    ok: r['2xx'],
    failed: r.non2xx + r.errors + r.timeouts,
  };
}

export interface IntakeReport {
  runs: LoadResult[];
  ticketsWritten: number;
  memory: { idleMb: number; afterIntakeMb: number };
}

/** The production build of the desk (`npm run build:server`), as `npm run serve` runs it. */
async function deskRun(name: string, dir: string, seconds: number, env: Record<string, string>): Promise<{ result: LoadResult; tickets: number; idleMb: number; afterMb: number }> {
  const dbFile = join(dir, `${name.replace(/\W+/g, '-')}.sqlite`);
  const admin = { email: 'bench-admin@example.com', password: 'a long bench password' };
  const desk = await startNode(
    ['dist/deskwright.mjs', 'serve'],
    { PORT: '0', HOST: '127.0.0.1', DESK_DB: dbFile, DESK_ADMIN_EMAIL: admin.email, DESK_ADMIN_PASSWORD: admin.password, ...env },
    /running at (http:\/\/\S+)[\s\S]*The first admin account:\n.*\n/,
  );
  try {
    const url = desk.match[1]!;
    await new Promise((r) => setTimeout(r, 1000));
    const idleMb = residentMb(desk.child.pid!);
    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const post = (path: string, body: unknown) =>
      fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, origin: url }, body: JSON.stringify(body) });
    await post('/api/admin/users', { email: 'requester@example.com', name: 'Bench Requester', roles: ['requester'] });
    const { token } = (await (await post('/api/admin/tokens', { name: 'bench', email: 'requester@example.com' })).json()) as { token: string };
    const result = await load(name, `${url}/api/workflows/it-incident/submissions`, { seconds, headers: { authorization: `Bearer ${token}` } });
    const afterMb = residentMb(desk.child.pid!);
    await desk.stop();
    const db = new BetterSqlite3(dbFile, { readonly: true });
    const tickets = (db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n;
    const orphans = (db.prepare("SELECT count(*) AS n FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.ticket_id = t.id) OR NOT EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id)").get() as { n: number }).n;
    db.close();
    if (orphans) throw new Error(`${orphans} tickets lack their events or outbox rows`);
    return { result, tickets, idleMb, afterMb };
  } finally {
    await desk.stop();
  }
}

export async function benchIntake(seconds: number): Promise<IntakeReport> {
  const dir = mkdtempSync(join(tmpdir(), 'deskwright-bench-'));
  try {
    const runs: LoadResult[] = [];
    const constant = await startTs('bench/servers/hono-constant.ts', [], {}, /listening (\d+)/);
    runs.push(await load('bare Hono, constant', `http://127.0.0.1:${constant.match[1]}/submit`, { seconds }));
    await constant.stop();

    const insert = await startTs('bench/servers/hono-insert.ts', [join(dir, 'plain.sqlite')], {}, /listening (\d+)/);
    runs.push(await load('bare Hono, one SQLite insert', `http://127.0.0.1:${insert.match[1]}/submit`, { seconds }));
    await insert.stop();

    const uncached = await deskRun('desk intake, statements not cached', dir, seconds, { DESK_STATEMENT_CACHE: 'off' });
    runs.push(uncached.result);
    const desk = await deskRun('desk intake', dir, seconds, {});
    runs.push(desk.result);
    // 201s are what the client saw acknowledged; the table must hold at least as many (the warm-up adds more).
    if (desk.tickets < desk.result.ok) throw new Error(`lost tickets: ${desk.result.ok} acknowledged, ${desk.tickets} stored`);
    return { runs, ticketsWritten: desk.tickets, memory: { idleMb: desk.idleMb, afterIntakeMb: desk.afterMb } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
