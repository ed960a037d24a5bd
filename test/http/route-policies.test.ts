/**
 * Deny by default: every API route declares who may call it with
 * `allow(...)`. A new route without a policy fails this test.
 */
import { expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { DeskContext } from '../../server/services/desk-context.ts';

// Only the route table is read; nothing here touches the database.
const app = createApp({ db: {} as DeskContext['db'], config: loadConfig({}), now: () => new Date() });

/** Documentation and the not-found fallback, which serve no desk data. */
const publicPaths = new Set(['/api/openapi.json', '/api/docs', '/api/docs/assets/redoc.standalone.js', '/api/*']);

const endpoints = () => {
  const byRoute = new Map<string, unknown[]>();
  for (const r of app.routes) {
    if (r.method === 'ALL' && r.path.endsWith('*')) continue; // middleware mounted with use()
    if (!(r.path.startsWith('/api/') || ['/healthz', '/readyz', '/metrics'].includes(r.path)) || publicPaths.has(r.path)) continue;
    const key = `${r.method} ${r.path}`;
    byRoute.set(key, [...(byRoute.get(key) ?? []), r.handler]);
  }
  return [...byRoute.entries()];
};

it('finds the API routes to check', () => {
  expect(endpoints().map(([route]) => route)).toEqual(
    expect.arrayContaining(['POST /api/workflows/:id/submissions', 'GET /api/tickets/:id', 'PUT /api/admin/workflows/:id/draft', 'GET /healthz']),
  );
  expect(endpoints().length).toBeGreaterThan(25);
});

it.each(endpoints())('%s declares who may call it', (_route, handlers) => {
  const policies = handlers.filter((h) => Array.isArray((h as { audience?: unknown }).audience));
  expect(policies).toHaveLength(1);
});

it('keeps the admin API for admins', () => {
  for (const [route, handlers] of endpoints()) {
    if (!route.includes(' /api/admin/')) continue;
    const audience = handlers.map((h) => (h as { audience?: string[] }).audience).find(Boolean);
    expect(audience, route).toEqual(['admin']);
  }
});
