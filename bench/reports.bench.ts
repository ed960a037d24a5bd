/**
 * The manager's reports at scale: 1,000,000 tickets logged over the last
 * twelve months (97% resolved, with the report facts the desk works out at
 * resolution), then every report over those twelve months as the /manager
 * page asks for them. The baseline, measured in the same run, is the bare
 * count of the period's tickets over the period index: the least any report
 * over the period can cost.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shippedDefaults } from '../server/assets.ts';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrations/index.ts';
import { findUserById } from '../server/db/users.repository.ts';
import { latestVersion } from '../server/db/workflows.repository.ts';
import { localDate } from '../server/reports/period.ts';
import { reportNames } from '../server/reports/report.schema.ts';
import { refreshReportFacts, runReport } from '../server/reports/reports.service.ts';
import { ensureDemoAccounts } from '../server/services/accounts-bootstrap.service.ts';
import type { DeskContext } from '../server/services/desk-context.ts';
import { installDefaults } from '../server/services/defaults.service.ts';
import type { Timing } from './queue.bench.ts';

/** Like queue.bench's `time`, with one warm-up: a report over a million tickets takes long enough to sample few times. */
async function time(name: string, n: number, run: () => Promise<unknown>): Promise<Timing> {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { name, p50: samples[Math.floor(samples.length / 2)]!, p99: samples[samples.length - 1]! };
}

const queues = ['first-line', 'network', 'end-user-devices', 'identity'];
const priorities = ['P1', 'P2', 'P3', 'P4'];
const year = 365 * 86_400_000;

function seed(sqlite: BetterSqlite3.Database, o: { count: number; versionId: number; requesterId: string; agents: string[]; start: number; factsDone: boolean }) {
  const insert = sqlite.prepare(`INSERT INTO tickets (id, workflow_id, workflow_version_id, kind, status, title, category, priority, queue_id, assignee_id, requester_id, fields, sla_policy,
      created_at, updated_at, row_version, state_class, first_response_at, resolved_at, resolution_code, satisfaction_rating, satisfaction_comment, held_by_groups, manager_flagged_at, sla_pauses,
      report_stopped_at, report_response_minutes, report_response_wall_minutes, report_response_met, report_resolution_minutes, report_resolution_wall_minutes, report_resolution_met, report_reopens, report_first_contact)
    VALUES (?, 'it-incident', ?, 'incident', ?, 'Printer jam', 'general', ?, ?, ?, ?, '{}', 'standard', ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const batch = 50_000;
  const load = sqlite.transaction((first: number, last: number) => {
    for (let n = first; n < last; n++) {
      const h = (n * 2654435761) % 1_000_003;
      const created = o.start + (n / o.count) * year;
      const resolved = h % 100 < 97 && created < Date.now() - 5 * 86_400_000;
      const responseMin = 5 + (h % 600);
      const resolutionMin = responseMin + (h % 4000);
      const stopped = resolved ? new Date(created + resolutionMin * 60_000).toISOString() : null;
      const priority = priorities[(n * 31) % 4]!;
      const state = resolved ? (h % 3 ? 'closed' : 'resolved') : 'open';
      const fact = o.factsDone && resolved;
      insert.run(
        1001 + n, o.versionId, state, priority, queues[(n * 17) % 4], o.agents[n % o.agents.length], o.requesterId,
        new Date(created).toISOString(), stopped ?? new Date(created).toISOString(), state,
        new Date(created + responseMin * 60_000).toISOString(), stopped, resolved ? 'solved' : null,
        resolved && h % 10 < 3 ? 1 + (h % 5) : null, resolved && h % 20 === 0 ? 'Thanks' : null,
        h % 10 === 0 ? '["service-desk"]' : '[]', h % 50 === 0 ? new Date(created + 3_600_000).toISOString() : null, resolved ? `[{"from":"${stopped}","to":null}]` : '[]',
        fact ? stopped : null, fact ? responseMin : null, fact ? responseMin : null, fact ? (responseMin < 240 ? 1 : 0) : null,
        fact ? resolutionMin : null, fact ? resolutionMin : null, fact ? (resolutionMin < 2880 ? 1 : 0) : null, fact ? (h % 25 === 0 ? 1 : 0) : null,
        fact ? (h % 10 !== 0 && h % 25 !== 0 ? 1 : 0) : null,
      );
    }
  });
  for (let first = 0; first < o.count; first += batch) load(first, Math.min(first + batch, o.count));
  sqlite.prepare("UPDATE counters SET value = ? WHERE name = 'ticket'").run(1001 + o.count);
}

export interface ReportsBench {
  tickets: number;
  seedSeconds: number;
  baseline: Timing;
  reports: Timing[];
  /** Every report of the /manager page, one after the other. */
  page: Timing;
  /** The facts pass over tickets resolved since the last report, per 1,000 tickets. */
  factsPerThousandMs: number;
}

export async function benchReports(total: number, samples: number): Promise<ReportsBench> {
  const dir = mkdtempSync(join(tmpdir(), 'deskwright-bench-reports-'));
  try {
    const file = join(dir, 'reports.sqlite');
    const opened = openDatabase(file);
    await migrateToLatest(opened.db);
    const desk: DeskContext = { db: opened.db, config: loadConfig({ DESK_DB: file }), now: () => new Date() };
    await installDefaults(desk, shippedDefaults());
    await ensureDemoAccounts(desk);
    const id = (email: string) => (opened.sqlite.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: string }).id;
    const versionId = (await latestVersion(opened.db, 'it-incident'))!.id;
    const agents = [id('agent@example.com'), id('specialist@example.com'), id('manager@example.com')];
    const seedStart = performance.now();
    seed(opened.sqlite, { count: total, versionId, requesterId: id('requester@example.com'), agents, start: Date.now() - year, factsDone: true });
    const seedSeconds = (performance.now() - seedStart) / 1000;
    opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    opened.sqlite.exec('ANALYZE');

    const manager = (await findUserById(opened.db, id('manager@example.com')))!;
    const to = localDate(new Date(), manager.timeZone);
    const from = localDate(new Date(Date.now() - year + 86_400_000), manager.timeZone);
    const query = { from, to };
    const start = new Date(Date.now() - year).toISOString();
    const count = opened.sqlite.prepare('SELECT count(*) FROM tickets WHERE created_at >= ? AND created_at < ?');
    const baseline = await time('baseline: count the period\'s tickets over the index', samples * 4, async () => count.get(start, new Date().toISOString()));
    const reports: Timing[] = [];
    for (const name of reportNames) reports.push(await time(`${name}, 12 months`, samples, () => runReport(desk, manager, name, query)));
    const page = await time('the whole /manager page (every report), 12 months', samples, async () => {
      for (const name of reportNames) await runReport(desk, manager, name, query);
    });

    // Tickets resolved since the last report: the pass works out their facts before the report runs.
    const stale = 5_000;
    opened.sqlite.prepare('UPDATE tickets SET report_stopped_at = NULL WHERE id IN (SELECT id FROM tickets WHERE resolved_at IS NOT NULL ORDER BY id DESC LIMIT ?)').run(stale);
    const factsStart = performance.now();
    const done = await refreshReportFacts(desk);
    const factsPerThousandMs = ((performance.now() - factsStart) / done) * 1000;
    await opened.close();
    return { tickets: total, seedSeconds, baseline, reports, page, factsPerThousandMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
