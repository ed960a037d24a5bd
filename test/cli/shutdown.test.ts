/**
 * SIGTERM in the middle of a burst of submissions, as systemd or Docker
 * sends it: the desk stops taking requests, answers and commits the ones it
 * has, closes the database cleanly and exits 0; every submission it
 * acknowledged is stored, whole.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { startCli } from '../support/cli-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'deskwright-sigterm-'));
const dbFile = join(dir, 'desk.sqlite');
let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

it('stores every acknowledged submission and exits 0 on SIGTERM mid-burst', async () => {
  const started = await startCli('demo', { DESK_DB: dbFile, LOG_LEVEL: 'info' }, /requester@example\.com/);
  child = started.child;
  let output = started.output;
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child!.once('exit', (code, signal) => resolve({ code, signal })));
  const { url } = started;

  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'requester@example.com', password: 'deskwright-demo' }),
  });
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  const acknowledged: { id: number; summary: string }[] = [];
  let refused = 0;
  let sent = 0;
  let gone = false;
  void exited.then(() => (gone = true));

  const submitOne = async (i: number) => {
    const summary = `Term ticket ${i}`;
    try {
      const res = await fetch(`${url}/api/workflows/it-incident/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, origin: url },
        body: JSON.stringify({ fields: { summary, service: 'vpn', impact: 'team', urgency: 'high', details: 'Burst' } }),
      });
      if (res.status === 201) acknowledged.push({ id: ((await res.json()) as { ticket: { id: number } }).ticket.id, summary });
      else await res.arrayBuffer();
    } catch {
      refused++; // the desk had stopped taking connections: never acknowledged
    }
  };
  const workers = Array.from({ length: 8 }, async () => {
    while (!gone && sent < 5000) await submitOne(sent++);
  });
  while (acknowledged.length < 100) await new Promise((r) => setTimeout(r, 5));
  child.kill('SIGTERM');
  const exit = await exited;
  await Promise.all(workers);

  expect(exit).toEqual({ code: 0, signal: null });
  expect(output).toContain('"msg":"desk stopping');
  expect(output).toMatch(/"msg":"desk stopped","durationMs":\d+/);
  expect(acknowledged.length).toBeGreaterThanOrEqual(100);
  // Closed cleanly: the write-ahead log was checkpointed into the file and removed.
  expect(existsSync(`${dbFile}-wal`)).toBe(false);

  const db = new BetterSqlite3(dbFile, { readonly: true });
  try {
    const titles = new Map((db.prepare('SELECT id, title FROM tickets').all() as { id: number; title: string }[]).map((t) => [t.id, t.title]));
    for (const a of acknowledged) expect(titles.get(a.id), `ticket ${a.id}`).toBe(a.summary);
    const withoutHistory = db.prepare("SELECT id FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id AND e.type = 'ticket.created')").all();
    expect(withoutHistory).toEqual([]);
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
  } finally {
    db.close();
  }
}, 90_000);
