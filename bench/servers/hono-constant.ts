/** Baseline: a bare Hono handler that parses the JSON body and returns a constant. */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.post('/submit', async (c) => {
  await c.req.json();
  return c.json({ ok: true }, 201);
});
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(`listening ${info.port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
