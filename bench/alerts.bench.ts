/**
 * Alert intake over HTTP: Alertmanager-sized POSTs (10 alerts each) to
 * `POST /api/alerts/{id}` of the production build at 20 connections, with
 * new fingerprints (every alert opens an incident) and with duplicates
 * (every alert is counted on an open incident), against a bare Hono handler
 * doing one plain SQLite insert per POST with the same bodies, measured in
 * the same run.
 */
import autocannon from 'autocannon';
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, startNode, startTs } from './process.ts';

export interface AlertLoad {
  name: string;
  postsPerSecond: number;
  alertsPerSecond: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
}

export interface AlertsReport {
  runs: AlertLoad[];
  incidents: number;
  logged: number;
}

const perPost = 10;
const connections = 20;
const template = JSON.parse(readFileSync(join(root, 'test/fixtures/alerts/disk-running-full.firing.json'), 'utf8'));

/** A webhook body of 10 alerts with fingerprints `first`…`first + 9`; `seq` makes every body unique, so none is taken for a retry. */
function body(first: number, seq: number): string {
  const alerts = Array.from({ length: perPost }, (_, j) => {
    const n = first + j;
    return {
      ...template.alerts[1],
      labels: { alertname: 'DiskRunningFull', dev: `sd${n}`, instance: `node-${n}`, severity: 'warning' },
      annotations: { summary: `Disk sd${n} on node-${n} is running full`, value: `post ${seq}` },
      fingerprint: `bench${String(n).padStart(11, '0')}`,
    };
  });
  return JSON.stringify({ ...template, alerts });
}

async function load(name: string, url: string, seconds: number, next: () => string, headers: Record<string, string> = {}): Promise<AlertLoad> {
  const r = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [{ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, setupRequest: (req) => ({ ...req, body: next() }) }],
  });
  return {
    name,
    postsPerSecond: r.requests.average,
    alertsPerSecond: r.requests.average * perPost,
    p50: r.latency.p50,
    p99: r.latency.p99,
    ok: r['2xx'],
    failed: r.non2xx + r.errors + r.timeouts,
  };
}

export async function benchAlerts(seconds: number): Promise<AlertsReport> {
  const dir = mkdtempSync(join(tmpdir(), 'deskwright-bench-alerts-'));
  const runs: AlertLoad[] = [];
  try {
    let seq = 0;
    const insert = await startTs('bench/servers/hono-insert.ts', [join(dir, 'plain.sqlite')], {}, /listening (\d+)/);
    runs.push(await load('bare Hono, one SQLite insert per POST', `http://127.0.0.1:${insert.match[1]}/submit`, seconds, () => body(0, seq++)));
    await insert.stop();

    const dbFile = join(dir, 'desk.sqlite');
    const admin = { email: 'bench-admin@example.com', password: 'a long bench password' };
    const desk = await startNode(
      ['dist/deskwright.mjs', 'serve'],
      { PORT: '0', HOST: '127.0.0.1', DESK_DB: dbFile, DESK_ADMIN_EMAIL: admin.email, DESK_ADMIN_PASSWORD: admin.password },
      /running at (http:\/\/\S+)[\s\S]*The first admin account:\n.*\n/,
    );
    try {
      const url = desk.match[1]!;
      const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
      const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
      const source = JSON.parse(readFileSync(join(root, 'workflows/alert-sources/prometheus.json'), 'utf8'));
      const created = await fetch(`${url}/api/admin/alert-sources`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, origin: url }, body: JSON.stringify(source) });
      const { token } = (await created.json()) as { token: string };
      const auth = { authorization: `Bearer ${token}` };
      const intake = `${url}/api/alerts/${source.id}`;

      let fresh = 0;
      runs.push(await load('desk, new fingerprints (an incident each)', intake, seconds, () => body((fresh++) * perPost, seq++), auth));
      // Duplicates cycle over 20 groups whose incidents are open now.
      let dup = 0;
      runs.push(await load('desk, duplicate fingerprints (counted on the open incident)', intake, seconds, () => body(((dup++) % 20) * perPost, seq++), auth));
      await desk.stop();
      const db = new BetterSqlite3(dbFile, { readonly: true });
      const incidents = (db.prepare("SELECT count(*) AS n FROM tickets WHERE workflow_id = 'infrastructure-alert'").get() as { n: number }).n;
      const logged = (db.prepare('SELECT count(*) AS n FROM alert_log').get() as { n: number }).n;
      const keys = (db.prepare('SELECT count(*) AS n FROM alerts').get() as { n: number }).n;
      db.close();
      const acknowledged = (runs[1]!.ok + runs[2]!.ok) * perPost;
      if (logged < acknowledged) throw new Error(`lost alerts: ${acknowledged} acknowledged, ${logged} logged`);
      if (incidents !== keys) throw new Error(`${keys} fingerprints but ${incidents} incidents`);
      return { runs, incidents, logged };
    } finally {
      await desk.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The report's section: alerts per second, new and duplicate, against the baseline, with the targets. */
export function alertsSection(report: AlertsReport, seconds: number): string[] {
  const [insert, fresh, dup] = report.runs as [AlertLoad, AlertLoad, AlertLoad];
  const num = (v: number) => Math.round(v).toLocaleString('en');
  const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(0)}%`;
  const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
  return [
    `## 7. Alert intake (autocannon, ${connections} connections, ${perPost} alerts a POST, ${seconds} s each)`,
    '',
    '| server | POSTs/s | alerts/s | p50 | p99 | vs one insert | errors |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...report.runs.map((r) => `| ${r.name} | ${num(r.postsPerSecond)} | ${num(r.alertsPerSecond)} | ${r.p50} ms | ${r.p99} ms | ${pct(r.postsPerSecond, insert.postsPerSecond)} | ${r.failed} |`),
    '',
    `Every POST was one transaction (grouped with the others in flight): each alert logged with its raw payload, looked up by fingerprint, and either opened an incident through the same intake as a form or was counted on its open incident with a "fired again" event. ${num(report.incidents)} incidents, one per fingerprint; ${num(report.logged)} alerts logged, none lost.`,
    '',
    `- Target: duplicates ≥ 5,000 alerts/s: ${num(dup.alertsPerSecond)} — ${verdict(dup.alertsPerSecond >= 5000)}`,
    `- Target: new incidents ≥ 1,000/s: ${num(fresh.alertsPerSecond)} — ${verdict(fresh.alertsPerSecond >= 1000)}`,
    `- Target: p99 < 100 ms: new ${fresh.p99} ms, duplicates ${dup.p99} ms — ${verdict(fresh.p99 < 100 && dup.p99 < 100)}`,
  ];
}

// `tsx bench/alerts.bench.ts [--quick]` runs this scenario alone (after `npm run build:server`).
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const seconds = process.argv.includes('--quick') ? 3 : 10;
  console.log(alertsSection(await benchAlerts(seconds), seconds).join('\n'));
}
