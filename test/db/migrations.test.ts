/** Migrations run from an empty file, are idempotent, and can be rolled back. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NO_MIGRATIONS } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database.ts';
import { migrateToLatest, migrator } from '../../server/db/migrations/index.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function freshFile() {
  const dir = mkdtempSync(join(tmpdir(), 'deskwright-db-'));
  dirs.push(dir);
  return join(dir, 'desk.sqlite');
}

const tables = (sqlite: ReturnType<typeof openDatabase>['sqlite']) =>
  (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%' AND name NOT LIKE 'ticket_search_%' AND name NOT LIKE 'comment_search_%' AND name NOT LIKE 'kb_search_%' AND name NOT LIKE 'known_error_search_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('migrations', () => {
  it('build the whole schema in an empty file, in WAL mode with foreign keys on', async () => {
    const database = openDatabase(freshFile());
    await migrateToLatest(database.db);
    expect(tables(database.sqlite)).toEqual([
      'alert_log', 'alert_posts', 'alert_sources', 'alerts', 'announcement_mailings', 'announcement_recipients', 'announcements', 'api_tokens',
      'approval_keys', 'approval_steps', 'approval_votes', 'assignment_turns', 'attachments', 'calendars', 'comment_search', 'counters',
      'escalation_firings', 'group_members', 'groups', 'identity_links', 'kb_article_versions', 'kb_articles', 'kb_deflections', 'kb_search',
      'kb_translations', 'known_error_search', 'known_error_translations', 'known_errors', 'mail_channels', 'mail_messages', 'outbox',
      'prepared_answers', 'queues', 'saved_views', 'sessions', 'sla_policies', 'templates', 'ticket_articles', 'ticket_events', 'ticket_links',
      'ticket_search', 'tickets', 'users',
      'workflow_versions', 'workflows',
    ]);
    expect(database.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(database.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    const indexes = (database.sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name = 'tickets_active_by_queue'").get() as { sql: string }).sql;
    expect(indexes).toMatch(/where "state_class" in \('new', 'open', 'pending'\)/i);
    await database.close();
  });

  it('are a no-op the second time, and keep data', async () => {
    const file = freshFile();
    const first = openDatabase(file);
    await migrateToLatest(first.db);
    first.sqlite.prepare("INSERT INTO groups (id, name, tier) VALUES ('g', '{\"en\":\"G\"}', 'first-line')").run();
    await first.close();
    const second = openDatabase(file);
    await migrateToLatest(second.db);
    expect(second.sqlite.prepare('SELECT count(*) AS n FROM groups').get()).toEqual({ n: 1 });
    await second.close();
  });

  it('roll all the way down to an empty database', async () => {
    const database = openDatabase(freshFile());
    await migrateToLatest(database.db);
    const { error } = await migrator(database.db).migrateTo(NO_MIGRATIONS);
    expect(error).toBeUndefined();
    expect(tables(database.sqlite)).toEqual([]);
    await database.close();
  });

  it('refuse a reference to something that does not exist (foreign keys are enforced)', async () => {
    const database = openDatabase(freshFile());
    await migrateToLatest(database.db);
    expect(() => database.sqlite.prepare("INSERT INTO queues (id, name, group_id) VALUES ('q', '{}', 'missing')").run()).toThrow(/FOREIGN KEY/);
    await database.close();
  });
});
