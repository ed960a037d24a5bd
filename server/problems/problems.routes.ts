/**
 * Problem management routes (issue 15), staff only: a requester never
 * reaches a known error (its root cause is internal) or a problem's links.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { ticket } from '../engine/tickets/ticket.schema.ts';
import { allow, currentUser } from '../http/access.ts';
import { router } from '../http/desk-env.ts';
import { jsonBody, jsonResponse, problems } from '../http/openapi-helpers.ts';
import { applyInput, knownError, knownErrorInput, knownErrorMatch, linkedIncident, resolveInput } from './problems.schema.ts';
import {
  applyWorkaround,
  knownErrorsForTicket,
  linkIncident,
  problemIncidents,
  problemKnownError,
  resolveProblem,
  saveKnownError,
  unlinkIncident,
} from './problems.service.ts';

const staff = ['agent', 'specialist', 'manager', 'admin'] as const;
const tags = ['Problems'];
const id = z.object({ id: z.coerce.number().int().positive() });

export const problemRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/api/problems/{id}/incidents', tags,
      summary: 'The incidents a problem causes (linked `caused-by`) that the caller may see',
      middleware: [allow(...staff)] as const,
      request: { params: id },
      responses: { 200: jsonResponse(z.object({ items: z.array(linkedIncident) }), 'Linked incidents, in the order they were linked'), ...problems(401, 403, 404, 422) },
    }),
    async (c) => c.json({ items: await problemIncidents(c.get('desk'), currentUser(c), c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/problems/{id}/incidents', tags,
      summary: 'Link an incident to the problem that causes it; the link shows on both tickets',
      middleware: [allow(...staff)] as const,
      request: { params: id, body: jsonBody(z.object({ ticketId: z.number().int().positive() }).strict()) },
      responses: { 200: jsonResponse(z.object({ ticket }), 'The incident'), ...problems(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json({ ticket: await linkIncident(c.get('desk'), currentUser(c), c.req.valid('param').id, c.req.valid('json').ticketId) }, 200),
  )
  .openapi(
    createRoute({
      method: 'delete', path: '/api/problems/{id}/incidents/{ticketId}', tags,
      summary: 'Take an incident off the problem',
      middleware: [allow(...staff)] as const,
      request: { params: z.object({ id: z.coerce.number().int().positive(), ticketId: z.coerce.number().int().positive() }) },
      responses: { 204: { description: 'Unlinked' }, ...problems(401, 403, 404, 422) },
    }),
    async (c) => {
      const { id: problemId, ticketId } = c.req.valid('param');
      await unlinkIncident(c.get('desk'), currentUser(c), problemId, ticketId);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/api/problems/{id}/known-error', tags,
      summary: "The problem's known error: symptom, workaround and root cause per language",
      middleware: [allow(...staff)] as const,
      request: { params: id },
      responses: { 200: jsonResponse(z.object({ knownError }), 'The known error'), ...problems(401, 403, 404, 422) },
    }),
    async (c) => c.json({ knownError: await problemKnownError(c.get('desk'), currentUser(c), c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'put', path: '/api/problems/{id}/known-error', tags,
      summary: "Publish the problem's known error, or change or retire it (send its `rowVersion`; a stale one is 409)",
      middleware: [allow(...staff)] as const,
      request: { params: id, body: jsonBody(knownErrorInput) },
      responses: {
        200: jsonResponse(z.object({ knownError }), 'The saved known error'),
        201: jsonResponse(z.object({ knownError }), 'The new known error'),
        ...problems(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const saved = await saveKnownError(c.get('desk'), currentUser(c), c.req.valid('param').id, c.req.valid('json'));
      return saved.created ? c.json({ knownError: saved.knownError }, 201) : c.json({ knownError: saved.knownError }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/problems/{id}/resolve', tags,
      summary: 'Resolve a problem and, with `incidents`, every open incident linked to it with one message, in one transaction',
      middleware: [allow(...staff)] as const,
      request: { params: id, body: jsonBody(resolveInput) },
      responses: { 200: jsonResponse(z.object({ problem: ticket, incidents: z.array(ticket) }), 'The problem and the incidents resolved with it'), ...problems(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await resolveProblem(c.get('desk'), currentUser(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/api/tickets/{id}/known-errors', tags,
      summary: 'Known errors that match the ticket: of its problem, about its service, or with its symptom words',
      middleware: [allow(...staff)] as const,
      request: { params: id },
      responses: { 200: jsonResponse(z.object({ items: z.array(knownErrorMatch) }), 'Matching known errors, best first'), ...problems(401, 403, 404, 422) },
    }),
    async (c) => c.json({ items: await knownErrorsForTicket(c.get('desk'), currentUser(c), c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/tickets/{id}/known-errors/{knownErrorId}/apply', tags,
      summary: "Apply a known error's workaround: a public reply with it (edited or as written), recorded, and the ticket linked to the problem",
      middleware: [allow(...staff)] as const,
      request: { params: z.object({ id: z.coerce.number().int().positive(), knownErrorId: z.coerce.number().int().positive() }), body: jsonBody(applyInput) },
      responses: { 200: jsonResponse(z.object({ ticket }), 'The ticket with the reply'), ...problems(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const { id: ticketId, knownErrorId } = c.req.valid('param');
      return c.json({ ticket: await applyWorkaround(c.get('desk'), currentUser(c), ticketId, knownErrorId, c.req.valid('json')) }, 200);
    },
  );
