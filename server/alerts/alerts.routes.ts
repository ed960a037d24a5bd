/**
 * The alerts API: sources for admins, the intake a monitoring system posts
 * to (authenticated by its source's own token, not a person's), the validate
 * queue for staff, an incident's alerts, and the alert log for admins.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { allow, currentUser } from '../http/access.ts';
import { router } from '../http/desk-env.ts';
import { jsonBody, jsonResponse, problems } from '../http/openapi-helpers.ts';
import { problemDocument } from '../http/problem.ts';
import {
  acceptAlert,
  awaitingAlerts,
  changeSource,
  createSource,
  dismissAlert,
  getSource,
  linkAlert,
  listSources,
  receiveAlerts,
  rotateToken,
  searchLog,
  ticketAlerts,
} from './alerts.service.ts';
import { alertLogEntry, alertOutcomes, alertSource, alertSourceChange, alertSourceInput, intakeAnswer, trackedAlert } from './alerts.schema.ts';

const staff = ['agent', 'specialist', 'manager', 'admin'] as const;
const sourceId = z.object({ id: z.string().min(1).max(100) });
const alertId = z.object({ id: z.coerce.number().int().positive() });
const withToken = z.object({ source: alertSource, token: z.string().describe('The bearer token the source posts with; shown this once, stored only as a hash') });

export const alertRoutes = router()
  .openapi(
    createRoute({
      method: 'post', path: '/api/alerts/{sourceId}', tags: ['Alerts'],
      summary: "A monitoring system's alerts: Alertmanager's webhook payload (version 4) unchanged, or any JSON for a generic source",
      description:
        'Authenticated with `Authorization: Bearer <the source token>`; a missing or wrong token is 401 and nothing is stored. A payload of the wrong shape is 422 naming the path (e.g. `alerts[3].labels`). One alert the mapping cannot handle is recorded as failed in the alert log; the others go ahead, and the answer is still 200. The same body again within 5 minutes (a retry) changes nothing.',
      middleware: [allow('anyone')] as const,
      security: [{ token: [] }],
      request: {
        params: z.object({ sourceId: z.string().min(1).max(100) }),
      },
      responses: {
        200: jsonResponse(intakeAnswer, 'What became of each alert'),
        401: { content: { 'application/problem+json': { schema: problemDocument } }, description: 'The source token is missing or wrong' },
        413: { content: { 'application/problem+json': { schema: problemDocument } }, description: 'The payload is larger than 1 MiB' },
        ...problems(400, 422),
      },
    }),
    // The body is read raw and checked after the token, so a stranger learns nothing about the expected shape.
    async (c) => c.json(await receiveAlerts(c.get('desk'), c.req.param('sourceId'), c.req.header('authorization'), await c.req.text()), 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/api/alerts/awaiting', tags: ['Alerts'], summary: 'Alerts awaiting validation, oldest first, with how many there are',
      middleware: [allow(...staff)] as const,
      request: { query: z.object({ cursor: z.string().regex(/^\d+$/).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }) },
      responses: { 200: jsonResponse(z.object({ items: z.array(trackedAlert), next: z.string().nullable(), total: z.number().int() }), 'One page'), ...problems(401, 403, 422) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(await awaitingAlerts(c.get('desk'), { limit: q.limit, afterId: q.cursor ? Number(q.cursor) : undefined }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/alerts/{id}/incident', tags: ['Alerts'], summary: 'Validate an alert: it becomes an incident, pre-filled from the mapping, with any fields given on top',
      middleware: [allow(...staff)] as const,
      request: { params: alertId, body: jsonBody(z.object({ fields: z.record(z.string(), z.unknown()).default({}) }).strict()) },
      responses: { 201: jsonResponse(z.object({ alert: trackedAlert, ticketId: z.number().int() }), 'The incident it became'), ...problems(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await acceptAlert(c.get('desk'), currentUser(c), c.req.valid('param').id, c.req.valid('json').fields), 201),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/alerts/{id}/link', tags: ['Alerts'], summary: 'File an alert awaiting validation under an existing incident',
      middleware: [allow(...staff)] as const,
      request: { params: alertId, body: jsonBody(z.object({ ticketId: z.number().int().positive() }).strict()) },
      responses: { 200: jsonResponse(z.object({ alert: trackedAlert }), 'The alert, linked'), ...problems(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json({ alert: await linkAlert(c.get('desk'), currentUser(c), c.req.valid('param').id, c.req.valid('json').ticketId) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/alerts/{id}/dismiss', tags: ['Alerts'], summary: 'Dismiss an alert awaiting validation, saying why',
      middleware: [allow(...staff)] as const,
      request: { params: alertId, body: jsonBody(z.object({ reason: z.string().max(2000) }).strict()) },
      responses: { 200: jsonResponse(z.object({ alert: trackedAlert }), 'The alert, dismissed'), ...problems(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json({ alert: await dismissAlert(c.get('desk'), currentUser(c), c.req.valid('param').id, c.req.valid('json').reason) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/api/tickets/{id}/alerts', tags: ['Alerts'], summary: "The alerts behind an incident: first and last seen, count, labels, and where they came from",
      middleware: [allow(...staff)] as const,
      request: { params: alertId },
      responses: { 200: jsonResponse(z.object({ items: z.array(trackedAlert) }), 'Its alerts'), ...problems(401, 403, 404, 422) },
    }),
    async (c) => c.json({ items: await ticketAlerts(c.get('desk'), currentUser(c), c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/api/admin/alert-sources', tags: ['Admin: alerts'], summary: 'Every alert source (never its token)',
      middleware: [allow('admin')] as const,
      responses: { 200: jsonResponse(z.object({ items: z.array(alertSource) }), 'Sources'), ...problems(401, 403) },
    }),
    async (c) => c.json({ items: await listSources(c.get('desk')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/admin/alert-sources', tags: ['Admin: alerts'], summary: 'Create an alert source; its token is in the answer, once',
      middleware: [allow('admin')] as const,
      request: { body: jsonBody(alertSourceInput) },
      responses: { 201: jsonResponse(withToken, 'The source and its token'), ...problems(401, 403, 409, 422) },
    }),
    async (c) => c.json(await createSource(c.get('desk'), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/api/admin/alert-sources/{id}', tags: ['Admin: alerts'], summary: 'One alert source',
      middleware: [allow('admin')] as const,
      request: { params: sourceId },
      responses: { 200: jsonResponse(z.object({ source: alertSource }), 'The source'), ...problems(401, 403, 404) },
    }),
    async (c) => c.json({ source: await getSource(c.get('desk'), c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'put', path: '/api/admin/alert-sources/{id}', tags: ['Admin: alerts'], summary: 'Change an alert source (the version it was read at, or 409)',
      middleware: [allow('admin')] as const,
      request: { params: sourceId, body: jsonBody(alertSourceChange) },
      responses: { 200: jsonResponse(z.object({ source: alertSource }), 'The source now'), ...problems(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json({ source: await changeSource(c.get('desk'), c.req.valid('param').id, c.req.valid('json')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/admin/alert-sources/{id}/token', tags: ['Admin: alerts'], summary: 'Rotate the token: the new one is shown once, the old one stops working',
      middleware: [allow('admin')] as const,
      request: { params: sourceId },
      responses: { 200: jsonResponse(withToken, 'The source and its new token'), ...problems(401, 403, 404) },
    }),
    async (c) => c.json(await rotateToken(c.get('desk'), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/api/admin/alert-log', tags: ['Admin: alerts'], summary: 'Every alert received, newest first; by source, outcome, incident, or words in the alert',
      middleware: [allow('admin')] as const,
      request: {
        query: z.object({
          source: z.string().max(100).optional(),
          outcome: z.enum(alertOutcomes).optional(),
          ticketId: z.coerce.number().int().positive().optional(),
          q: z.string().max(200).optional(),
          cursor: z.string().regex(/^\d+$/).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
      responses: { 200: jsonResponse(z.object({ items: z.array(alertLogEntry), next: z.string().nullable() }), 'One page of the log'), ...problems(401, 403, 422) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const rows = await searchLog(c.get('desk'), { source: q.source, outcome: q.outcome, ticketId: q.ticketId, text: q.q?.trim() || undefined, beforeId: q.cursor ? Number(q.cursor) : undefined, limit: q.limit + 1 });
      const items = rows.slice(0, q.limit);
      return c.json({ items, next: rows.length > q.limit ? String(items.at(-1)!.id) : null }, 200);
    },
  );
