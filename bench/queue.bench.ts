/**
 * The desk with years of history: seed 1,000,000 tickets in batched
 * transactions, then time what an agent's screen asks for. And the SLA
 * scheduler's wake-up query with 1,000,000 open tickets, at two sizes to show
 * it does not grow with the total.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shippedDefaults } from '../server/assets.ts';
import { loadConfig } from '../server/config.ts';
import { openDatabase, type OpenedDatabase } from '../server/db/database.ts';
import { searchableText, searchTicketIds } from '../server/db/dialect.ts';
import { migrateToLatest } from '../server/db/migrations/index.ts';
import { listTickets } from '../server/db/ticket-list.repository.ts';
import { findTicket, findTicketsByIds, listEvents, listQueueTickets, queueCounts } from '../server/db/tickets.repository.ts';
import { ticketsToCheck } from '../server/db/escalations.repository.ts';
import { latestVersion } from '../server/db/workflows.repository.ts';
import { ensureDemoAccounts } from '../server/services/accounts-bootstrap.service.ts';
import type { DeskContext } from '../server/services/desk-context.ts';
import { installDefaults } from '../server/services/defaults.service.ts';
import { runEscalations } from '../server/services/escalation.service.ts';

export interface Timing {
  name: string;
  p50: number;
  p99: number;
  note?: string;
}

/** Runs `query` `n` times and reports p50 and p99 in milliseconds. */
export async function time(name: string, n: number, query: (i: number) => Promise<unknown>, note?: string): Promise<Timing> {
  for (let i = 0; i < 10; i++) await query(i);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await query(i);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { name, p50: at(0.5), p99: at(0.99), ...(note ? { note } : {}) };
}

const queues = ['first-line', 'network', 'end-user-devices', 'identity'];
const priorities = ['P1', 'P2', 'P3', 'P4'];
const subjects = [
  'VPN drops every few minutes', 'Printer jam on floor two', 'Outlook will not sync', 'Laptop battery swelling', 'Password reset for finance system',
  'Wi-Fi slow in meeting room', 'Monitor flickers', 'Teams calls drop audio', 'Cannot reach file share', 'New starter needs accounts',
  'Phone screen cracked', 'Docking station not detected', 'Shared mailbox access', 'Projector no signal', 'Keyboard keys sticking',
  'Software licence for Visio', 'Account locked after holiday', 'Slow login in the morning', 'Calendar invites missing', 'Scanner sends blank pages',
];
const words = ['urgent', 'again', 'since Monday', 'whole team', 'after update', 'intermittent', 'on site', 'remote', 'client meeting', 'deadline'];

async function desk(file: string): Promise<{ opened: OpenedDatabase; context: DeskContext }> {
  const opened = openDatabase(file);
  await migrateToLatest(opened.db);
  const context: DeskContext = { db: opened.db, config: loadConfig({ DESK_DB: file }), now: () => new Date() };
  await installDefaults(context, shippedDefaults());
  await ensureDemoAccounts(context);
  return { opened, context };
}

/** Bulk-loads tickets with plain prepared statements in transactions of `batch` rows. */
function seed(
  sqlite: BetterSqlite3.Database,
  o: { from: number; count: number; versionId: number; requesterId: string; activeShare: number; start: number; spanMs: number; dueFrom?: number; dueSoon?: number },
) {
  const insertTicket = sqlite.prepare(`INSERT INTO tickets (id, workflow_id, workflow_version_id, kind, status, title, category, priority, impact, urgency, queue_id, assignee_id, requester_id, fields, sla_policy, response_due_at, resolution_due_at, created_at, updated_at, row_version, state_class, escalation_check_at)
    VALUES (?, 'it-incident', ?, 'incident', ?, ?, 'general', ?, 'team', 'high', ?, NULL, ?, ?, 'standard', ?, ?, ?, ?, 1, ?, ?)`);
  const insertEvent = sqlite.prepare(`INSERT INTO ticket_events (ticket_id, type, actor_id, data, created_at) VALUES (?, 'ticket.created', ?, '{}', ?)`);
  const insertSearch = sqlite.prepare('INSERT INTO ticket_search (rowid, title, body) VALUES (?, ?, ?)');
  const batch = 50_000;
  const load = sqlite.transaction((first: number, last: number) => {
    for (let id = first; id < last; id++) {
      const n = id - o.from;
      const created = new Date(o.start + (n / o.count) * o.spanMs).toISOString();
      // For the scheduler: the first `dueSoon` tickets fall due within the next minute, the rest over the following 30 days.
      const due =
        o.dueFrom === undefined
          ? new Date(Date.parse(created) + 480 * 60_000).toISOString()
          : new Date(n < (o.dueSoon ?? 0) ? o.dueFrom + 60_000 + (n % 50) * 1000 : o.dueFrom + 180_000 + ((n * 7919) % 2_592_000) * 1000).toISOString();
      const active = ((n * 2654435761) % 1000) / 1000 < o.activeShare;
      const status = active ? ['new', 'open', 'pending'][n % 3]! : n % 5 === 0 ? 'resolved' : 'closed';
      const title = `${subjects[n % subjects.length]} ${words[(n >> 3) % words.length]}`;
      const fields = { summary: title, service: 'other', impact: 'team', urgency: 'high', details: `Reported by user ${n % 997}` };
      const fieldsJson = JSON.stringify(fields);
      // The scheduler's next look at an open ticket is its next due moment.
      const checkAt = o.dueFrom !== undefined && active ? due : null;
      insertTicket.run(id, o.versionId, status, title, priorities[(n * 31) % 4], queues[(n * 17) % 4], o.requesterId, fieldsJson, due, due, created, created, status, checkAt);
      insertEvent.run(id, o.requesterId, created);
      insertSearch.run(id, title, searchableText(fields));
    }
  });
  for (let first = o.from; first < o.from + o.count; first += batch) load(first, Math.min(first + batch, o.from + o.count));
  sqlite.prepare("UPDATE counters SET value = ? WHERE name = 'ticket'").run(o.from + o.count);
}

const fileSizeMb = (file: string) => [file, `${file}-wal`].filter(existsSync).reduce((sum, f) => sum + statSync(f).size, 0) / 1024 / 1024;

export interface QueueReport {
  seedSeconds: number;
  tickets: number;
  activeTickets: number;
  fileMb: number;
  timings: Timing[];
  scheduler: Timing[];
  /** Escalation rules one pass fired for the 50 due tickets. */
  firedPerPass: number;
}

export async function benchQueue(total: number, samples: number): Promise<QueueReport> {
  const dir = mkdtempSync(join(tmpdir(), 'deskwright-bench-queue-'));
  try {
    const file = join(dir, 'history.sqlite');
    const { opened, context } = await desk(file);
    const versionId = (await latestVersion(opened.db, 'it-incident'))!.id;
    const requesterId = (opened.sqlite.prepare("SELECT id FROM users WHERE email = 'requester@example.com'").get() as { id: string }).id;
    const seedStart = performance.now();
    const threeYears = 3 * 365 * 24 * 3600_000;
    seed(opened.sqlite, { from: 1001, count: total, versionId, requesterId, activeShare: 0.03, start: Date.now() - threeYears, spanMs: threeYears });
    const seedSeconds = (performance.now() - seedStart) / 1000;
    opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    opened.sqlite.exec('ANALYZE');
    const chatty = 1001 + Math.floor(total / 2);
    const addEvent = opened.sqlite.prepare("INSERT INTO ticket_events (ticket_id, type, actor_id, data, created_at) VALUES (?, 'comment.internal', ?, '{\"body\":\"Checked the logs again\"}', ?)");
    opened.sqlite.transaction(() => {
      for (let i = 0; i < 199; i++) addEvent.run(chatty, requesterId, new Date().toISOString());
    })();
    const active = (opened.sqlite.prepare("SELECT count(*) AS n FROM tickets WHERE state_class IN ('new','open','pending')").get() as { n: number }).n;

    const inQueue = (opened.sqlite.prepare("SELECT count(*) AS n FROM tickets WHERE queue_id = 'first-line' AND state_class IN ('new','open','pending')").get() as { n: number }).n;
    const deepOffset = Math.floor(inQueue * 0.8);
    const deepRow = opened.sqlite
      .prepare("SELECT priority, created_at AS createdAt, id FROM tickets WHERE queue_id = 'first-line' AND state_class IN ('new','open','pending') ORDER BY priority, created_at, id LIMIT 1 OFFSET ?")
      .get(deepOffset) as { priority: string; createdAt: string; id: number };
    const db = context.db;
    const staffQueues = ['first-line', 'network'];
    const timings = [
      await time("a queue's first page (25)", samples, () => listQueueTickets(db, 'first-line', { limit: 26 })),
      await time(`a deep keyset page (after ${deepOffset.toLocaleString('en')} of ${inQueue.toLocaleString('en')} rows)`, samples, () => listQueueTickets(db, 'first-line', { limit: 26, after: deepRow })),
      await time('per-queue counts (open, unassigned)', samples, () => queueCounts(db, { userId: 'nobody', now: new Date().toISOString() })),
      await time('text search "printer jam", newest 25', samples, async () => findTicketsByIds(db, await searchTicketIds(db, 'printer jam', { limit: 25 }))),
      await time('text search, rare prefix "visi"', samples, async () => findTicketsByIds(db, await searchTicketIds(db, 'visi', { limit: 25 }))),
      await time('a ticket with 200 events', samples, async () => [await findTicket(db, chatty), await listEvents(db, chatty)]),
      // The general ticket list behind /api/tickets (filters, views, search over the conversation), as an agent uses it.
      await time('ticket list: queue, active, urgent first (25)', samples, () => listTickets(db, { scope: { queues: staffQueues }, queue: 'first-line', state: 'active', sort: 'urgent' }, { limit: 25 })),
      await time('ticket list: the same, deep keyset page', samples, () =>
        listTickets(db, { scope: { queues: staffQueues }, queue: 'first-line', state: 'active', sort: 'urgent' }, { limit: 25, after: [deepRow.priority, deepRow.createdAt, deepRow.id] }),
      ),
      await time('ticket list: unassigned P1/P2 across my queues', samples, () => listTickets(db, { scope: { queues: staffQueues }, state: 'active', assignee: null, priority: ['P1', 'P2'], sort: 'urgent' }, { limit: 25 })),
      await time('ticket list: search "printer jam" incl. conversation', samples, () => listTickets(db, { scope: { queues: 'all' }, text: 'printer jam', searchInternal: 'all', sort: 'newest' }, { limit: 25 })),
    ];
    const fileMb = fileSizeMb(file);
    await opened.close();

    // The scheduler: every ticket open, due times spread over 30 days from now.
    const schedulerFile = join(dir, 'open.sqlite');
    const open = await desk(schedulerFile);
    const dueFrom = Date.now() - 60_000;
    const tenth = Math.floor(total / 10);
    seed(open.opened.sqlite, { from: 1001, count: tenth, versionId, requesterId: (open.opened.sqlite.prepare("SELECT id FROM users WHERE email = 'requester@example.com'").get() as { id: string }).id, activeShare: 1, start: Date.now() - 86_400_000, spanMs: 86_400_000, dueFrom, dueSoon: 50 });
    // A pass a minute from now: the 50 tickets due by then are looked at and their escalation rules fire
    // (history, internal notes, mail in the outbox). Each sample puts them back as they were before the pass.
    const soon = { ...open.context, now: () => new Date(dueFrom + 120_000) };
    const dueSoon = Array.from({ length: 50 }, (_, i) => 1001 + i);
    const rearm = open.opened.sqlite.prepare(`UPDATE tickets SET escalation_check_at = ? WHERE id = ?`);
    const forget = open.opened.sqlite.prepare(`DELETE FROM escalation_firings WHERE ticket_id = ?`);
    const reset = open.opened.sqlite.transaction(() => {
      for (const id of dueSoon) {
        rearm.run(new Date(dueFrom + 60_000).toISOString(), id);
        forget.run(id);
      }
    });
    let fired = 0;
    const escalationPass = async () => {
      reset();
      const pass = await runEscalations(soon);
      fired = pass.fired;
      if (pass.checked < dueSoon.length) throw new Error(`expected the pass to look at the 50 due tickets, it looked at ${pass.checked}`);
    };
    const dueInAMinute = async () => findTicketsByIds(open.context.db, await ticketsToCheck(open.context.db, new Date(Date.now() + 60_000).toISOString(), 1000));
    const scheduler = [await time(`find and load tickets due in the next minute, ${tenth.toLocaleString('en')} open`, samples, dueInAMinute)];
    scheduler.push(await time(`escalation pass: 50 due tickets, ${tenth.toLocaleString('en')} open`, samples, escalationPass));
    const requester2 = (open.opened.sqlite.prepare("SELECT id FROM users WHERE email = 'requester@example.com'").get() as { id: string }).id;
    seed(open.opened.sqlite, { from: 1001 + tenth, count: total - tenth, versionId, requesterId: requester2, activeShare: 1, start: Date.now() - 86_400_000, spanMs: 86_400_000, dueFrom });
    open.opened.sqlite.exec('ANALYZE');
    scheduler.push(await time(`find and load tickets due in the next minute, ${total.toLocaleString('en')} open`, samples, dueInAMinute));
    scheduler.push(await time(`escalation pass: 50 due tickets, ${total.toLocaleString('en')} open`, samples, escalationPass));
    await open.opened.close();
    return { seedSeconds, tickets: total, activeTickets: active, fileMb, timings, scheduler, firedPerPass: fired };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
