/**
 * Knowledge suggestions at scale: 10,000 published articles (half public,
 * half internal, a tenth also in Welsh) and a table of resolved tickets,
 * all in the full-text indexes. Timed: the portal's "These may help" for
 * what a requester types, and the agent's ticket page (top 5 articles and
 * top 5 similar resolved tickets for the ticket's title and fields). The
 * baseline, measured in the same run, is one word looked up in the article
 * index, best 5 by bm25: the least any suggestion can cost.
 *
 * Alone: `npx tsx bench/knowledge.bench.ts [tickets]`.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ticketSuggestions } from '../server/agent-knowledge/agent-knowledge.service.ts';
import { shippedDefaults } from '../server/assets.ts';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrations/index.ts';
import { findUserById } from '../server/db/users.repository.ts';
import { latestVersion } from '../server/db/workflows.repository.ts';
import { suggestArticles } from '../server/knowledge/knowledge.service.ts';
import { ensureDemoAccounts } from '../server/services/accounts-bootstrap.service.ts';
import type { DeskContext } from '../server/services/desk-context.ts';
import { installDefaults } from '../server/services/defaults.service.ts';
import { time, type Timing } from './queue.bench.ts';

/** IT words, most common first; text draws from them with a skew, like real help text. */
const vocabulary = (
  'password account login email vpn printer laptop network wifi outlook teams file share access reset error screen update install phone ' +
  'connect sync drive folder permission token calendar meeting audio camera microphone monitor keyboard mouse battery charger dock cable ' +
  'browser chrome firefox certificate proxy firewall server database backup restore licence software office excel word powerpoint ' +
  'onedrive sharepoint mailbox quota spam phishing virus antivirus encryption bitlocker recovery key authenticator mfa sms code expired ' +
  'locked unlock profile desktop remote citrix session slow freeze crash blue reboot restart driver bluetooth headset speaker volume ' +
  'projector hdmi display resolution scanner toner paper jam tray queue spooler label badge door guest portal ticket request approval ' +
  'starter leaver laptop-bag mobile android iphone enrol intune compliance policy group distribution shared alias forward signature ' +
  'archive pst search index outage maintenance change release patch reboot-loop bios firmware ssd disk space cleanup temp cache cookie'
).split(' ');
/** The long tail: names of systems, error codes, places; most words of real help text are rare. */
const filler = Array.from({ length: 20_000 }, (_, i) => `term${i.toString(36)}`);

/** A deterministic pseudo-random stream, so every run writes the same desk. */
function stream(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function words(next: () => number, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(next() < 0.25 ? vocabulary[Math.floor(vocabulary.length * next() ** 1.5)]! : filler[Math.floor(filler.length * next() ** 1.5)]!);
  return out.join(' ');
}

function seedArticles(sqlite: BetterSqlite3.Database, count: number, adminId: string) {
  const next = stream(7);
  const article = sqlite.prepare("INSERT INTO kb_articles (id, category, audience, status, created_by, created_at, updated_by, updated_at) VALUES (?, 'general', ?, 'published', ?, ?, ?, ?)");
  const translation = sqlite.prepare('INSERT INTO kb_translations (article_id, locale, title, body) VALUES (?, ?, ?, ?) RETURNING id');
  const search = sqlite.prepare('INSERT INTO kb_search (rowid, title, body) VALUES (?, ?, ?)');
  const at = new Date().toISOString();
  sqlite.transaction(() => {
    for (let id = 1; id <= count; id++) {
      article.run(id, id % 2 ? 'public' : 'internal', adminId, at, adminId, at);
      for (const locale of id % 10 === 0 ? ['en', 'cy'] : ['en']) {
        const title = words(next, 4 + Math.floor(next() * 5));
        const body = words(next, 120 + Math.floor(next() * 200));
        const row = translation.get(id, locale, title, body) as { id: number };
        search.run(row.id, title, body);
      }
    }
  })();
}

function seedTickets(sqlite: BetterSqlite3.Database, count: number, o: { versionId: number; requesterId: string; agentId: string }) {
  const next = stream(11);
  const ticket = sqlite.prepare(`INSERT INTO tickets (id, workflow_id, workflow_version_id, kind, status, title, category, priority, queue_id, assignee_id, requester_id, fields, sla_policy,
      created_at, updated_at, row_version, state_class, resolved_at, resolution_code, resolution_notes, held_by_groups, sla_pauses)
    VALUES (?, 'it-incident', ?, 'incident', ?, ?, 'general', 'P3', 'first-line', ?, ?, ?, 'standard', ?, ?, 1, ?, ?, ?, ?, '[]', '[]')`);
  const search = sqlite.prepare('INSERT INTO ticket_search (rowid, title, body) VALUES (?, ?, ?)');
  const at = new Date().toISOString();
  const batch = 50_000;
  const load = sqlite.transaction((first: number, last: number) => {
    for (let n = first; n < last; n++) {
      const title = words(next, 4 + Math.floor(next() * 4));
      const details = words(next, 15 + Math.floor(next() * 30));
      const done = n % 10 !== 0;
      const state = done ? (n % 3 ? 'closed' : 'resolved') : 'open';
      ticket.run(1001 + n, o.versionId, state, title, o.agentId, o.requesterId, JSON.stringify({ summary: title, service: 'other', impact: 'me', urgency: 'low', details }), at, at, state,
        done ? at : null, done ? 'solved' : null, done ? words(next, 12) : null);
      search.run(1001 + n, title, `${title} other me low ${details}`);
    }
  });
  for (let first = 0; first < count; first += batch) load(first, Math.min(first + batch, count));
  sqlite.prepare("UPDATE counters SET value = ? WHERE name = 'ticket'").run(1001 + count);
}

export interface KnowledgeBench {
  articles: number;
  tickets: number;
  seedSeconds: number;
  baseline: Timing;
  timings: Timing[];
}

export async function benchKnowledge(articles: number, tickets: number, samples: number): Promise<KnowledgeBench> {
  const dir = mkdtempSync(join(tmpdir(), 'deskwright-bench-knowledge-'));
  try {
    const file = join(dir, 'knowledge.sqlite');
    const opened = openDatabase(file);
    await migrateToLatest(opened.db);
    const desk: DeskContext = { db: opened.db, config: loadConfig({ DESK_DB: file }), now: () => new Date() };
    await installDefaults(desk, shippedDefaults());
    await ensureDemoAccounts(desk);
    const id = (email: string) => (opened.sqlite.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: string }).id;
    const versionId = (await latestVersion(opened.db, 'it-incident'))!.id;
    const seedStart = performance.now();
    seedArticles(opened.sqlite, articles, id('admin@example.com'));
    seedTickets(opened.sqlite, tickets, { versionId, requesterId: id('requester@example.com'), agentId: id('agent@example.com') });
    const seedSeconds = (performance.now() - seedStart) / 1000;
    opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    opened.sqlite.exec('ANALYZE');

    const requester = (await findUserById(opened.db, id('requester@example.com')))!;
    const agent = (await findUserById(opened.db, id('agent@example.com')))!;
    const next = stream(23);
    // What requesters type: a few words, the last one half written.
    const typed = Array.from({ length: 64 }, () => {
      const w = words(next, 3 + Math.floor(next() * 4));
      return w.slice(0, w.length - Math.floor(next() * 3));
    });
    const open = (opened.sqlite.prepare("SELECT id FROM tickets WHERE state_class = 'open' ORDER BY id LIMIT 64").all() as { id: number }[]).map((r) => r.id);
    const one = opened.sqlite.prepare("SELECT rowid FROM kb_search WHERE kb_search MATCH ? ORDER BY bm25(kb_search, 5.0, 1.0) LIMIT 5");
    const baseline = await time('baseline: one word in the article index, best 5', samples, async (i) => one.all(`"${vocabulary[i % 40]}"`));
    const timings = [
      await time('portal suggest ("These may help"), public articles for 3–6 typed words', samples, (i) => suggestArticles(desk, requester, { q: typed[i % typed.length]!, limit: 5 })),
      await time("ticket page: top 5 articles + top 5 similar resolved tickets for an open ticket's text", samples, (i) => ticketSuggestions(desk, agent, open[i % open.length]!, 5)),
    ];
    await opened.close();
    return { articles, tickets, seedSeconds, baseline, timings };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The section of bench/RESULTS.md. */
export function knowledgeSection(r: KnowledgeBench): string[] {
  const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(0)} ms`;
  return [
    `## Knowledge suggestions (${r.articles.toLocaleString('en')} published articles, ${r.tickets.toLocaleString('en')} tickets, 90% of them resolved)`,
    '',
    `Seeded in ${r.seedSeconds.toFixed(1)} s. Baseline: ${r.baseline.name}, p50 ${ms(r.baseline.p50)}.`,
    '',
    '| suggestion | p50 | p99 | vs baseline (p50) | target (p99) |',
    '|---|---:|---:|---:|---|',
    ...r.timings.map((t) => `| ${t.name} | ${ms(t.p50)} | ${ms(t.p99)} | ${(t.p50 / r.baseline.p50).toFixed(1)}× | < 30 ms — ${t.p99 < 30 ? 'met' : '**missed**'} |`),
  ];
}

if (process.argv[1]?.endsWith('knowledge.bench.ts')) {
  const result = await benchKnowledge(10_000, Number(process.argv[2] ?? 100_000), 200);
  console.log(knowledgeSection(result).join('\n'));
}
