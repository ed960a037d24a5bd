/**
 * "Notify everyone" is killed with SIGKILL half way through mailing 2,000
 * people. After a restart on the same file the mailing carries on from its
 * cursor, and every person gets exactly one mail over real SMTP.
 *
 * The first desk runs without SMTP (its mail waits in the outbox), so the
 * kill lands in the mailing job itself rather than inside one SMTP
 * delivery, which the outbox retries (at least once) by design.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { startCli } from '../support/cli-process.ts';
import { startMailCatcher } from '../support/mail-catcher.ts';
import { signedIn } from '../support/test-desk.ts';

const dir = mkdtempSync(join(tmpdir(), 'deskwright-mailing-crash-'));
const dbFile = join(dir, 'desk.sqlite');
const children: ChildProcess[] = [];
const mail = await startMailCatcher();
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await mail.close();
  rmSync(dir, { recursive: true, force: true });
});

async function startServer(env: Record<string, string> = {}) {
  const started = await startCli('demo --empty', { DESK_DB: dbFile, LOG_LEVEL: 'error', ...env }, /requester@example\.com/);
  children.push(started.child);
  return started;
}

const title = 'Wi-Fi outage in building B';

it('mails each person exactly once across a SIGKILL half way through the mailing', async () => {
  const first = await startServer();
  const db = new BetterSqlite3(dbFile);
  db.pragma('busy_timeout = 5000');
  const at = new Date().toISOString();
  const insert = db.prepare("INSERT INTO users (id, email, name, roles, locale, time_zone, created_at) VALUES (?, ?, ?, '[\"requester\"]', 'en', 'UTC', ?)");
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run(`bulk-${String(i).padStart(5, '0')}`, `p${i}@example.org`, `P ${i}`, at);
  })();
  const audience = [...Array.from({ length: 2000 }, (_, i) => `p${i}@example.org`), 'requester@example.com'];

  const manager = await signedIn(first.url, 'manager@example.com', 'deskwright-demo');
  const created = await manager.post('/api/announcements', {
    severity: 'major', audience: 'requesters', translations: { en: { title, body: 'Use a cable.' } },
    startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString(),
  });
  expect(created.status).toBe(201);
  const id = created.body.announcement.id as number;
  expect((await manager.post(`/api/announcements/${id}/mailing`)).status).toBe(202);

  let queued = 0;
  while (queued < 300) queued = (await manager.get(`/api/announcements/${id}/mailing`)).body.mailing.queued;
  first.child.kill('SIGKILL');
  await new Promise((resolve) => first.child.once('exit', resolve));

  // Half way, and whole: each person recorded has their mail in the outbox, and the count says so.
  const state = db.prepare('SELECT status, queued, total FROM announcement_mailings WHERE announcement_id = ?').get(id) as { status: string; queued: number; total: number };
  expect(state.status).toBe('running');
  expect(state.total).toBe(audience.length);
  expect(state.queued).toBeGreaterThanOrEqual(300);
  expect(state.queued).toBeLessThan(audience.length);
  expect(db.prepare('SELECT count(*) AS n FROM announcement_recipients WHERE announcement_id = ?').get(id)).toEqual({ n: state.queued });
  expect(db.prepare("SELECT count(*) AS n FROM outbox WHERE template = 'announcement'").get()).toEqual({ n: state.queued });
  db.close();

  const second = await startServer({ SMTP_URL: mail.url });
  const again = await signedIn(second.url, 'manager@example.com', 'deskwright-demo');
  const ours = () => mail.messages.filter((m) => m.subject.includes(title));
  for (let waited = 0; ours().length < audience.length && waited < 120_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
  // Anything sent twice would come in right behind the rest.
  await new Promise((r) => setTimeout(r, 500));
  expect((await again.get(`/api/announcements/${id}/mailing`)).body.mailing).toMatchObject({ status: 'done', queued: audience.length, total: audience.length });

  const perPerson = new Map<string, number>();
  for (const m of ours()) for (const to of m.to) perPerson.set(to, (perPerson.get(to) ?? 0) + 1);
  expect([...perPerson.keys()].sort()).toEqual([...audience].sort());
  expect([...perPerson.entries()].filter(([, n]) => n !== 1)).toEqual([]);
}, 180_000);
