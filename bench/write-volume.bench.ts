/**
 * Why intake is slower than one plain insert: the pages each submission
 * writes to the SQLite write-ahead log (the ticket, each index it is in, its
 * events, outbox rows, the search index, the ticket counter), against the
 * baseline's one-row insert, counted in the same way. Deterministic, unlike
 * timings on a shared machine. Counted for submissions one at a time and
 * fifty at once: the second is what a burst writes with group commit
 * (server/db/group-commit.ts).
 */
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../server/config.ts';
import { startDesk } from '../server/desk.ts';
import { findUserForLogin } from '../server/db/users.repository.ts';
import { createUser } from '../server/services/auth.service.ts';
import { submitForm } from '../server/services/intake.service.ts';

const fields = { summary: 'VPN drops every few minutes', service: 'vpn', impact: 'team', urgency: 'high', details: 'Since the update this morning.' };

/** WAL frames appended by `n` runs of `write`, per run (autocheckpoint off, so nothing is folded back meanwhile). */
async function pagesPer(sqlite: BetterSqlite3.Database, file: string, n: number, write: () => unknown): Promise<number> {
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.pragma('wal_autocheckpoint = 0');
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
  const before = statSync(`${file}-wal`).size;
  for (let i = 0; i < n; i++) await write();
  return (statSync(`${file}-wal`).size - before) / (pageSize + 24) / n;
}

export async function benchWriteVolume(n = 200): Promise<{ deskPages: number; deskPagesInBursts: number; insertPages: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'deskwright-bench-wal-'));
  try {
    const plainFile = join(dir, 'plain.sqlite');
    const plain = new BetterSqlite3(plainFile);
    plain.pragma('journal_mode = WAL');
    plain.exec('CREATE TABLE submissions (id INTEGER PRIMARY KEY, body TEXT NOT NULL, created_at TEXT NOT NULL)');
    const insert = plain.prepare('INSERT INTO submissions (body, created_at) VALUES (?, ?)');
    const insertPages = await pagesPer(plain, plainFile, n, () => insert.run(JSON.stringify({ fields }), new Date().toISOString()));
    plain.close();

    const deskFile = join(dir, 'desk.sqlite');
    const desk = await startDesk({ config: loadConfig({ PORT: '0', HOST: '127.0.0.1', DESK_DB: deskFile }), mode: 'serve' });
    try {
      await createUser(desk.context, { email: 'bench@example.com', name: 'Bench', password: 'a long bench password', roles: ['requester'], groups: [] });
      const user = (await findUserForLogin(desk.context.db, 'bench@example.com'))!.user;
      const submit = () => submitForm(desk.context, user, 'it-incident', fields, null);
      for (let i = 0; i < 100; i++) await submit();
      const deskPages = await pagesPer(desk.database.sqlite, deskFile, n, submit);
      const burst = 50;
      const perBurst = await pagesPer(desk.database.sqlite, deskFile, Math.ceil(n / burst), () => Promise.all(Array.from({ length: burst }, submit)));
      return { deskPages, deskPagesInBursts: perBurst / burst, insertPages };
    } finally {
      await desk.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
