/** Tickets and queues, as far as the caller may see them. */
import { createRoute, z } from '@hono/zod-openapi';
import { queue } from '../engine/desk/desk.schema.ts';
import { ticket, ticketEvent } from '../engine/tickets/ticket.schema.ts';
import { getTicket, myTickets, queueTickets, searchTickets, visibleQueues } from '../services/ticket.service.ts';
import { allow, currentUser } from './access.ts';
import { router } from './desk-env.ts';
import { jsonResponse, problems } from './openapi-helpers.ts';

const page = z.object({ items: z.array(ticket), next: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last') });
const limit = z.coerce.number().int().min(1).max(100).default(25);

export const ticketRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/tickets/{id}',
      tags: ['Tickets'],
      summary: 'A ticket and its history (requesters see only the public part)',
      middleware: [allow('signed-in')] as const,
      request: { params: z.object({ id: z.coerce.number().int().positive() }) },
      responses: { 200: jsonResponse(z.object({ ticket, events: z.array(ticketEvent) }), 'The ticket'), ...problems(401, 404) },
    }),
    async (c) => c.json(await getTicket(c.get('desk'), currentUser(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/tickets',
      tags: ['Tickets'],
      summary: "The caller's own tickets, newest first; with `q`, a text search over the tickets the caller may see",
      middleware: [allow('signed-in')] as const,
      request: {
        query: z.object({
          mine: z.enum(['1', 'true']).optional().describe('Tickets the caller requested (the default list)'),
          q: z.string().trim().min(1).max(200).optional().describe('Words to find in titles and field values; the last word may be a prefix'),
          cursor: z.string().regex(/^\d+$/).optional(),
          limit,
        }),
      },
      responses: { 200: jsonResponse(page, 'One page of tickets'), ...problems(401, 422) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const page = { limit: q.limit, ...(q.cursor ? { beforeId: Number(q.cursor) } : {}) };
      if (q.q) return c.json(await searchTickets(c.get('desk'), currentUser(c), q.q, page), 200);
      return c.json(await myTickets(c.get('desk'), currentUser(c), page), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/queues',
      tags: ['Queues'],
      summary: 'The queues the caller works, with open and unassigned counts',
      middleware: [allow('agent', 'specialist', 'manager', 'admin')] as const,
      responses: {
        200: jsonResponse(z.object({ items: z.array(queue.extend({ open: z.number().int(), unassigned: z.number().int() })) }), 'Queues'),
        ...problems(401, 403),
      },
    }),
    async (c) => c.json({ items: await visibleQueues(c.get('desk'), currentUser(c)) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/queues/{id}/tickets',
      tags: ['Queues'],
      summary: "A queue's active tickets, most urgent and oldest first",
      middleware: [allow('agent', 'specialist', 'manager', 'admin')] as const,
      request: { params: z.object({ id: z.string() }), query: z.object({ cursor: z.string().optional(), limit }) },
      responses: { 200: jsonResponse(page, 'One page of the queue'), ...problems(401, 403, 404) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(
        await queueTickets(c.get('desk'), currentUser(c), c.req.valid('param').id, { limit: q.limit, ...(q.cursor ? { cursor: q.cursor } : {}) }),
        200,
      );
    },
  );
