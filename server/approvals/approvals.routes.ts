/**
 * Approvals: the caller's waiting approvals and deciding one (signed in),
 * and the one-click mail link's page and decision (no sign-in: the signed,
 * single-use link is the proof).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { allow, currentUser } from '../http/access.ts';
import { router } from '../http/desk-env.ts';
import { jsonBody, jsonResponse, problems } from '../http/openapi-helpers.ts';
import { approvalRequest, decision } from './approvals.schema.ts';
import { approvalByLink, awaitingMe, decideAsUser, decideByLink } from './approvals.service.ts';

const tags = ['Approvals'];
const token = z.object({ token: z.string().min(1).max(200) });
const decided = z.object({ ticket: z.object({ id: z.number().int(), status: z.string(), statusClass: z.string() }) });
const summary = (t: { id: number; status: string; statusClass: string }) => ({ ticket: { id: t.id, status: t.status, statusClass: t.statusClass } });

export const approvalRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/api/approvals', tags, summary: 'Awaiting my approval: the caller\'s approvals on steps still open, oldest first',
      middleware: [allow('signed-in')] as const,
      responses: { 200: jsonResponse(z.object({ items: z.array(approvalRequest) }), 'Waiting approvals'), ...problems(401) },
    }),
    async (c) => c.json({ items: await awaitingMe(c.get('desk'), currentUser(c)) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/approvals/{id}/decision', tags, summary: 'Approve or reject one of my waiting approvals; a settled step is 409',
      middleware: [allow('signed-in')] as const,
      request: { params: z.object({ id: z.coerce.number().int().positive() }), body: jsonBody(decision) },
      responses: { 200: jsonResponse(decided, 'The ticket after the decision'), ...problems(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(summary((await decideAsUser(c.get('desk'), currentUser(c), c.req.valid('param').id, c.req.valid('json'))).ticket), 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/api/approval-links/{token}', tags, summary: 'What a mail link asks to approve; deciding needs the POST (a click alone decides nothing)',
      middleware: [allow('anyone')] as const,
      request: { params: token },
      responses: { 200: jsonResponse(z.object({ approval: approvalRequest }), 'The request'), ...problems(403, 404, 422) },
    }),
    async (c) => c.json({ approval: await approvalByLink(c.get('desk'), c.req.valid('param').token) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/approval-links/{token}/decision', tags, summary: 'Decide through a mail link, once; a forged, expired or used link is refused',
      middleware: [allow('anyone')] as const,
      request: { params: token, body: jsonBody(decision) },
      responses: { 200: jsonResponse(decided, 'The ticket after the decision'), ...problems(403, 404, 409, 422) },
    }),
    async (c) => c.json(summary((await decideByLink(c.get('desk'), c.req.valid('param').token, c.req.valid('json'))).ticket), 200),
  );
