/**
 * An alert storm: 20,000 alerts from 200 distinct fingerprints, in
 * Alertmanager-sized groups of 10, posted by a bounded concurrent loop to a
 * real desk on loopback. Exactly one incident per fingerprint, every alert
 * in the log, none lost or counted twice, and an agent's queue page still
 * answers while the storm is on.
 */
import BetterSqlite3 from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestDesk, type TestDesk } from '../support/test-desk.ts';

const firing = JSON.parse(readFileSync(new URL('../fixtures/alerts/disk-running-full.firing.json', import.meta.url), 'utf8'));
const shippedSource = JSON.parse(readFileSync(new URL('../../workflows/alert-sources/prometheus.json', import.meta.url), 'utf8'));

const fingerprints = 200;
const perPost = 10;
const posts = 2000;
const concurrency = 20;

let t: TestDesk;
let token: string;

beforeAll(async () => {
  t = await startTestDesk({ smtp: false });
  const admin = await t.as('admin@example.com');
  token = (await admin.post('/api/admin/alert-sources', shippedSource)).body.token;
});
afterAll(() => t.close());

/** Post `i`: one of 20 groups of 10 fingerprints, each alert carrying the post's number, so no two bodies are alike (no retry to ignore). */
function group(i: number) {
  const g = i % (fingerprints / perPost);
  const alerts = Array.from({ length: perPost }, (_, j) => {
    const n = g * perPost + j;
    return {
      ...firing.alerts[1],
      labels: { alertname: 'DiskRunningFull', dev: `sd${n}`, instance: `node-${n}`, severity: 'warning' },
      annotations: { summary: `Disk sd${n} on node-${n} is running full`, value: `post ${i}` },
      fingerprint: `storm${String(n).padStart(11, '0')}`,
    };
  });
  return JSON.stringify({ ...firing, groupKey: `{}:{group="${g}"}`, alerts });
}

it('opens exactly one incident per fingerprint, logs every alert, and the queue page answers during the storm', async () => {
  const agent = await t.as('agent@example.com');
  let next = 0;
  const statuses = new Map<number, number>();
  const worker = async () => {
    while (next < posts) {
      const i = next++;
      const res = await fetch(`${t.url}/api/alerts/prometheus`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: group(i) });
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
  };
  const storm = Promise.all(Array.from({ length: concurrency }, worker));
  // While the storm is on: an agent opens the queue the incidents land in.
  while (next < posts / 4) await new Promise((r) => setTimeout(r, 20));
  const page = await agent.get('/api/queues/infrastructure/tickets');
  const answeredDuringStorm = next < posts;
  await storm;

  expect(page.status).toBe(200);
  expect(page.body.items.length).toBeGreaterThan(0);
  expect(answeredDuringStorm).toBe(true);
  expect(Object.fromEntries(statuses)).toEqual({ 200: posts });

  const db = new BetterSqlite3(t.dbFile, { readonly: true });
  try {
    const one = <T>(q: string) => db.prepare(q).get() as T;
    expect(one<{ n: number }>("SELECT count(*) AS n FROM tickets WHERE workflow_id = 'infrastructure-alert'").n).toBe(fingerprints);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM alert_log').n).toBe(posts * perPost);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM alert_log WHERE outcome = 'created'").n).toBe(fingerprints);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM alert_log WHERE outcome = 'fired-again'").n).toBe(posts * perPost - fingerprints);
    const alerts = one<{ rows: number; keys: number; tickets: number; seen: number }>('SELECT count(*) AS rows, count(DISTINCT dedup_key) AS keys, count(DISTINCT ticket_id) AS tickets, sum(count) AS seen FROM alerts');
    expect(alerts).toEqual({ rows: fingerprints, keys: fingerprints, tickets: fingerprints, seen: posts * perPost });
    // Each incident's history counts its own sightings, one "fired again" each after the first.
    const fired = one<{ n: number }>("SELECT count(*) AS n FROM ticket_events WHERE type = 'alert.fired'").n;
    expect(fired).toBe(posts * perPost - fingerprints);
  } finally {
    db.close();
  }
}, 600_000);
