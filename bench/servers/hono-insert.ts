/** Baseline: a bare Hono handler doing one plain SQLite insert (a prepared better-sqlite3 statement) per request. */
import { serve } from '@hono/node-server';
import BetterSqlite3 from 'better-sqlite3';
import { Hono } from 'hono';

const db = new BetterSqlite3(process.argv[2] ?? ':memory:');
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec('CREATE TABLE IF NOT EXISTS submissions (id INTEGER PRIMARY KEY, body TEXT NOT NULL, created_at TEXT NOT NULL)');
const insert = db.prepare('INSERT INTO submissions (body, created_at) VALUES (?, ?)');

const app = new Hono();
app.post('/submit', async (c) => {
  const body = await c.req.json();
  const { lastInsertRowid } = insert.run(JSON.stringify(body), new Date().toISOString());
  return c.json({ id: Number(lastInsertRowid) }, 201);
});
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(`listening ${info.port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
