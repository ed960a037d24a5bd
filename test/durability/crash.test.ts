/**
 * A burst of submissions, and the server is killed with SIGKILL in the
 * middle of it. After a restart on the same file, every submission that was
 * answered 201 is there with its history and notifications, ticket numbers
 * are unique, and nothing is half-written.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { startCli } from '../support/cli-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'deskwright-crash-'));
const dbFile = join(dir, 'desk.sqlite');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const started = await startCli('demo', { DESK_DB: dbFile }, /requester@example\.com/);
  children.push(started.child);
  return started;
}

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'requester@example.com', password: 'deskwright-demo' }),
  });
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
}

it('keeps every acknowledged submission, whole, across a SIGKILL mid-burst', async () => {
  const first = await startServer();
  const cookie = await signIn(first.url);
  const acknowledged: { id: number; number: string; summary: string }[] = [];
  let sent = 0;

  const submitOne = async (i: number) => {
    const summary = `Burst ticket ${i}`;
    try {
      const res = await fetch(`${first.url}/api/workflows/it-incident/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, origin: first.url },
        body: JSON.stringify({ fields: { summary, service: i % 2 ? 'vpn' : 'laptop', impact: 'team', urgency: 'high', details: 'Load test' } }),
      });
      if (res.status === 201) {
        const { ticket } = (await res.json()) as { ticket: { id: number; number: string } };
        acknowledged.push({ id: ticket.id, number: ticket.number, summary });
      }
    } catch {
      // the server died under this request: it was never acknowledged
    }
  };

  // Eight workers keep submitting until the server is gone.
  let killed = false;
  const workers = Array.from({ length: 8 }, async () => {
    while (!killed && sent < 5000) await submitOne(sent++);
  });
  while (acknowledged.length < 150) await new Promise((r) => setTimeout(r, 5));
  first.child.kill('SIGKILL');
  killed = true;
  await Promise.all(workers);
  expect(acknowledged.length).toBeGreaterThanOrEqual(150);
  expect(sent).toBeGreaterThan(acknowledged.length - 1);

  // A restart on the same file: migrations and defaults run again over it.
  const second = await startServer();
  const db = new BetterSqlite3(dbFile, { readonly: true });
  try {
    const tickets = db.prepare('SELECT id, title FROM tickets').all() as { id: number; title: string }[];
    const byId = new Map(tickets.map((t) => [t.id, t.title]));
    for (const a of acknowledged) expect(byId.get(a.id), `ticket ${a.number}`).toBe(a.summary);
    expect(new Set(acknowledged.map((a) => a.number)).size).toBe(acknowledged.length);

    // Whole or not at all: every ticket has its creation event and its notifications.
    const incomplete = db
      .prepare(
        `SELECT t.id FROM tickets t
         WHERE NOT EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id AND e.type = 'ticket.created')
            OR (SELECT count(*) FROM outbox o WHERE o.ticket_id = t.id) <> (SELECT count(*) FROM ticket_events e WHERE e.ticket_id = t.id AND e.type LIKE 'notification.%')
            OR NOT EXISTS (SELECT 1 FROM outbox o WHERE o.ticket_id = t.id)`,
      )
      .all();
    expect(incomplete).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM ticket_events WHERE ticket_id NOT IN (SELECT id FROM tickets)').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM outbox WHERE ticket_id NOT IN (SELECT id FROM tickets)').get()).toEqual({ n: 0 });
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });

    // The desk carries on numbering after the crash without reusing a number.
    const after = await fetch(`${second.url}/api/workflows/it-incident/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: await signIn(second.url), origin: second.url },
      body: JSON.stringify({ fields: { summary: 'After the crash', service: 'vpn', impact: 'me', urgency: 'low', details: 'x' } }),
    });
    expect(after.status).toBe(201);
    const { ticket } = (await after.json()) as { ticket: { id: number } };
    expect(ticket.id).toBeGreaterThan(Math.max(...tickets.map((t) => t.id)));
  } finally {
    db.close();
  }
}, 60_000);
