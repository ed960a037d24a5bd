/**
 * One middleware in front of everything: gives each request an id (the
 * caller's `X-Request-Id` when it is a plain token, else a new UUID), answers
 * it in `X-Request-Id`, writes one log line per request, logs what failed
 * with a 500, and counts the request for `/metrics`.
 */
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { DeskMetrics } from './desk-metrics.ts';
import type { Logger } from './logger.ts';

const acceptableId = /^[A-Za-z0-9._:-]{1,128}$/;

export function observeRequests(log: Logger, metrics: DeskMetrics): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    const given = c.req.header('x-request-id');
    const requestId = given && acceptableId.test(given) ? given : randomUUID();
    await next();
    const seconds = (performance.now() - started) / 1000;
    try {
      c.res.headers.set('X-Request-Id', requestId);
    } catch {
      c.res = new Response(c.res.body, c.res);
      c.res.headers.set('X-Request-Id', requestId);
    }
    const status = c.res.status;
    // The route as declared (`/api/tickets/:id`) of the handler that answered, so ids never become labels.
    const route = routePath(c) || 'unmatched';
    metrics.observeRequest({ method: c.req.method, route, status, seconds });
    const user = (c.get('user' as never) as { id?: string } | null | undefined)?.id;
    if (c.error && status >= 500) log.error('request failed', { requestId, method: c.req.method, path: c.req.path, error: c.error });
    log.info('request', { requestId, method: c.req.method, path: c.req.path, route, status, durationMs: Math.round(seconds * 10_000) / 10, ...(user ? { userId: user } : {}) });
  };
}
