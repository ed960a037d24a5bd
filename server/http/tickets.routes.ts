/** Tickets and queues, as far as the caller may see them. */
import { createRoute, z } from '@hono/zod-openapi';
import { queue } from '../engine/desk/desk.schema.ts';
import { attachmentInfo, ticket, ticketEvent, ticketLink, ticketSla } from '../engine/tickets/ticket.schema.ts';
import { ticketSorts } from '../db/ticket-list.repository.ts';
import { getTicket, listTicketsFor, queueTickets, ticketEvents, visibleQueues, type TicketFilters } from '../services/ticket.service.ts';
import { allow, currentUser } from './access.ts';
import { router } from './desk-env.ts';
import { jsonResponse, problems } from './openapi-helpers.ts';

const page = z.object({
  items: z.array(ticket),
  next: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last'),
  assignees: z
    .array(z.object({ id: z.string(), name: z.string() }))
    .describe("The name of each person assigned a ticket on this page, for tickets the caller works as staff; none for a requester's own tickets"),
});
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
      responses: {
        200: jsonResponse(
          z.object({ ticket, sla: ticketSla.nullable().describe('Its SLA clocks now'), events: z.array(ticketEvent), links: z.array(ticketLink), attachments: z.array(attachmentInfo) }),
          'The ticket',
        ),
        ...problems(401, 404),
      },
    }),
    async (c) => c.json(await getTicket(c.get('desk'), currentUser(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/tickets/{id}/events',
      tags: ['Tickets'],
      summary: "The ticket's timeline, oldest first: who changed what, when, from what to what",
      middleware: [allow('signed-in')] as const,
      request: { params: z.object({ id: z.coerce.number().int().positive() }) },
      responses: { 200: jsonResponse(z.object({ items: z.array(ticketEvent) }), 'The timeline'), ...problems(401, 404) },
    }),
    async (c) => c.json({ items: await ticketEvents(c.get('desk'), currentUser(c), c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/tickets',
      tags: ['Tickets'],
      summary: 'Tickets the caller may see, filtered, searched and sorted, one page at a time',
      description:
        'Requesters see their own tickets; agents and specialists the queues their groups work (and their own requests); managers and admins all. Pass `next` back as `cursor` for the following page.',
      middleware: [allow('signed-in')] as const,
      request: {
        query: z.object({
          mine: z.enum(['1', 'true']).optional().describe('Only tickets the caller requested'),
          escalated: z.enum(['me']).optional().describe('"me": only tickets escalated to the caller as their queue\'s manager (hierarchical escalation)'),
          queue: z.string().optional(),
          state: z.string().optional().describe('A state ("pending"), a state class ("open" includes every open state) or "active" (new, open and pending)'),
          priority: z
            .string()
            .regex(/^P[1-4](,P[1-4])*$/, 'one or more of P1, P2, P3, P4, comma-separated')
            .optional(),
          category: z.string().optional(),
          assignee: z.string().optional().describe('"me", "none" (unassigned) or a user id'),
          requester: z.string().optional().describe('"me" or a user id'),
          createdFrom: z.iso.datetime().optional(),
          createdTo: z.iso.datetime().optional(),
          updatedFrom: z.iso.datetime().optional(),
          updatedTo: z.iso.datetime().optional(),
          q: z.string().trim().min(1).max(200).optional().describe('Words to find in titles, fields and the conversation; the last word may be a prefix'),
          view: z.coerce.number().int().positive().optional().describe('Apply one of the caller\'s saved views'),
          sort: z.enum(ticketSorts).optional().describe('urgent (priority, then oldest; the default for queues and states), newest (the default otherwise), oldest, updated'),
          cursor: z.string().optional(),
          limit,
        }),
      },
      responses: { 200: jsonResponse(page, 'One page of tickets'), ...problems(401, 404, 422) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const me = currentUser(c).id;
      const who = (v: string) => (v === 'me' ? me : v);
      const filters = {
        sort: q.sort ?? (q.queue || q.state ? 'urgent' : 'newest'),
        ...(q.mine ? { mine: true } : {}),
        ...(q.escalated ? { escalatedToMe: true } : {}),
        ...(q.queue ? { queue: q.queue } : {}),
        ...(q.state ? { state: q.state } : {}),
        ...(q.priority ? { priority: q.priority.split(',') } : {}),
        ...(q.category ? { category: q.category } : {}),
        ...(q.assignee ? { assignee: q.assignee === 'none' ? null : who(q.assignee) } : {}),
        ...(q.requester ? { requester: who(q.requester) } : {}),
        ...(q.createdFrom ? { createdFrom: q.createdFrom } : {}),
        ...(q.createdTo ? { createdTo: q.createdTo } : {}),
        ...(q.updatedFrom ? { updatedFrom: q.updatedFrom } : {}),
        ...(q.updatedTo ? { updatedTo: q.updatedTo } : {}),
        ...(q.q ? { text: q.q } : {}),
        ...(q.view ? { viewId: q.view } : {}),
      } satisfies TicketFilters;
      return c.json(await listTicketsFor(c.get('desk'), currentUser(c), filters, { limit: q.limit, ...(q.cursor ? { cursor: q.cursor } : {}) }), 200);
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
        200: jsonResponse(
          z.object({ items: z.array(queue.extend({
                open: z.number().int(),
                unassigned: z.number().int(),
                mine: z.number().int(),
                breaching: z.number().int(),
                escalated: z.number().int().describe("Active tickets escalated to the queue's manager"),
              }),) }),
          'Queues',
        ),
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
