/** Working a ticket: transitions, replies and notes, assignment, escalation, changes, links, confirmation. */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { DeskError } from '../errors.ts';
import { manualLinkKinds, ticket } from '../engine/tickets/ticket.schema.ts';
import { priority } from '../engine/workflow/workflow.schema.ts';
import {
  assignTicket,
  bulkChange,
  changeTicket,
  commentOnTicket,
  confirmTicket,
  escalateTicket,
  linkTickets,
  reopenTicket,
  transitionTicket,
} from '../services/ticket-actions.service.ts';
import { allow, currentUser } from './access.ts';
import { router } from './desk-env.ts';
import { jsonBody, jsonResponse, problems } from './openapi-helpers.ts';

const staff = ['agent', 'specialist', 'manager', 'admin'] as const;
const ticketId = z.object({ id: z.coerce.number().int().positive() });
const ifMatch = z.object({ 'if-match': z.string().optional().describe('The ticket version last seen, e.g. "3"; a stale one is 409') });
const version = z.number().int().positive().optional().describe('The ticket version last seen (`rowVersion`); a stale one is 409. Or send it as If-Match.');
const text = (max: number) => z.string().trim().min(1).max(max);

const transitionBody = z.object({
  to: z.string().min(1).describe('The state to move to'),
  fields: z.record(z.string(), z.unknown()).optional().describe('Form fields to fill or change on the way'),
  comment: z.string().trim().max(20000).optional().describe('A reply to the requester (or an internal note with `internal`)'),
  internal: z.boolean().optional(),
  resolution: z
    .object({
      code: z.string().optional(),
      notes: z.string().max(20000).optional(),
      articleId: z.number().int().positive().optional().describe('"Resolve with this article": the published article that answered it, recorded on the ticket'),
    })
    .optional()
    .describe('Required when resolving'),
  version,
});
const assignBody = z
  .object({ agentId: z.string().min(1).optional(), queue: z.string().min(1).optional(), version })
  .refine((b) => b.agentId !== undefined || b.queue !== undefined, { message: 'give an agentId, a queue, or both', path: ['agentId'] });
const changed = z.object({ ticket });
const responses = (description: string, ...statuses: (403 | 404 | 409 | 422)[]) => ({ 200: jsonResponse(changed, description), ...problems(401, ...statuses) });

/** The version from the body or the If-Match header (`"3"`, `W/"3"` or `3`). */
function expectedVersion(c: Context, body: { version?: number | undefined }): { version?: number } {
  if (body.version !== undefined) return { version: body.version };
  const header = c.req.header('if-match');
  if (!header) return {};
  const n = Number(header.replace(/^W\//, '').replaceAll('"', ''));
  if (!Number.isInteger(n) || n < 1) throw new DeskError(400, 'bad-request', 'If-Match must be a ticket version like "3"');
  return { version: n };
}

const withTag = (c: Context, t: z.infer<typeof ticket>) => {
  c.header('ETag', `"${t.rowVersion}"`);
  return c.json({ ticket: t }, 200);
};

export const ticketActionRoutes = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/tickets/{id}/transitions',
      tags: ['Ticket work'],
      summary: "Move the ticket to another state of its workflow's lifecycle",
      description: 'Refused with 409 when no transition leads there from the current state, 403 when the role may not take it, 422 when something it requires is missing.',
      middleware: [allow(...staff)] as const,
      request: { params: ticketId, headers: ifMatch, body: jsonBody(transitionBody) },
      responses: responses('The ticket after the change', 403, 404, 409, 422),
    }),
    async (c) => {
      const body = c.req.valid('json');
      const { version: _, ...input } = body;
      return withTag(c, await transitionTicket(c.get('desk'), currentUser(c), c.req.valid('param').id, input, expectedVersion(c, body)));
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/tickets/{id}/comments',
      tags: ['Ticket work'],
      summary: 'Reply on the ticket, or add an internal note (staff only; never shown to requesters)',
      description: "A requester's reply on a ticket waiting for them moves it back to the agents.",
      middleware: [allow('signed-in')] as const,
      request: { params: ticketId, headers: ifMatch, body: jsonBody(z.object({ body: text(20000), internal: z.boolean().default(false), version })) },
      responses: responses('The ticket after the reply', 403, 404, 409, 422),
    }),
    async (c) => {
      const body = c.req.valid('json');
      return withTag(c, await commentOnTicket(c.get('desk'), currentUser(c), c.req.valid('param').id, { body: body.body, internal: body.internal }, expectedVersion(c, body)));
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/tickets/{id}/assign',
      tags: ['Ticket work'],
      summary: 'Assign to an agent (your own id claims it), to a queue at the same tier, or both',
      middleware: [allow(...staff)] as const,
      request: { params: ticketId, headers: ifMatch, body: jsonBody(assignBody) },
      responses: responses('The ticket after the change', 403, 404, 409, 422),
    }),
    async (c) => {
      const body = c.req.valid('json');
      const input = { ...(body.agentId !== undefined ? { agentId: body.agentId } : {}), ...(body.queue !== undefined ? { queue: body.queue } : {}) };
      return withTag(c, await assignTicket(c.get('desk'), currentUser(c), c.req.valid('param').id, input, expectedVersion(c, body)));
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/tickets/{id}/escalate',
      tags: ['Ticket work'],
      summary: "Functional escalation to a second-line queue the workflow allows, or hierarchical escalation to the queue's manager",
      middleware: [allow(...staff)] as const,
      request: {
        params: ticketId,
        headers: ifMatch,
        body: jsonBody(z.object({ kind: z.enum(['functional', 'hierarchical']), queue: z.string().min(1).optional(), reason: text(5000), version })),
      },
      responses: responses('The ticket after the escalation', 403, 404, 409, 422),
    }),
    async (c) => {
      const body = c.req.valid('json');
      const clean = { kind: body.kind, reason: body.reason, ...(body.queue !== undefined ? { queue: body.queue } : {}) };
      return withTag(c, await escalateTicket(c.get('desk'), currentUser(c), c.req.valid('param').id, clean, expectedVersion(c, body)));
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/api/tickets/{id}',
      tags: ['Ticket work'],
      summary: "Change the ticket's category, priority, impact, urgency or fields",
      description: "New field, impact or urgency values re-run the workflow's priority matrix and categorise rules; a value you set yourself wins. A new priority moves the SLA due times.",
      middleware: [allow(...staff)] as const,
      request: {
        params: ticketId,
        headers: ifMatch,
        body: jsonBody(
          z.object({
            priority: priority.optional(),
            impact: z.string().min(1).optional(),
            urgency: z.string().min(1).optional(),
            category: z.string().min(1).max(100).optional(),
            fields: z.record(z.string(), z.unknown()).optional().describe('Field key → new value; null clears an optional field'),
            version,
          }),
        ),
      },
      responses: responses('The ticket after the change', 403, 404, 409, 422),
    }),
    async (c) => {
      const body = c.req.valid('json');
      const { version: _, ...rest } = body;
      const input = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
      return withTag(c, await changeTicket(c.get('desk'), currentUser(c), c.req.valid('param').id, input, expectedVersion(c, body)));
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/tickets/{id}/links',
      tags: ['Ticket work'],
      summary: 'Link to another ticket: duplicate-of, parent-of, child-of or related-to',
      middleware: [allow(...staff)] as const,
      request: { params: ticketId, body: jsonBody(z.object({ kind: z.enum(manualLinkKinds), ticketId: z.number().int().positive() })) },
      responses: responses('The ticket', 403, 404, 409, 422),
    }),
    async (c) => withTag(c, await linkTickets(c.get('desk'), currentUser(c), c.req.valid('param').id, c.req.valid('json'))),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/tickets/{id}/confirm',
      tags: ['Portal'],
      summary: 'The requester confirms the resolution: the ticket closes, with an optional 1–5 rating',
      middleware: [allow('signed-in')] as const,
      request: {
        params: ticketId,
        body: jsonBody(z.object({ rating: z.number().int().min(1).max(5).optional(), comment: z.string().trim().max(5000).optional() })),
      },
      responses: responses('The closed ticket', 403, 404, 409, 422),
    }),
    async (c) => {
      const { rating, comment } = c.req.valid('json');
      const input = { ...(rating !== undefined ? { rating } : {}), ...(comment ? { comment } : {}) };
      return withTag(c, await confirmTicket(c.get('desk'), currentUser(c), c.req.valid('param').id, input));
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/tickets/{id}/reopen',
      tags: ['Portal'],
      summary: 'The requester says it is not fixed: the ticket reopens with their reason',
      middleware: [allow('signed-in')] as const,
      request: { params: ticketId, body: jsonBody(z.object({ reason: text(5000) })) },
      responses: responses('The reopened ticket', 403, 404, 409, 422),
    }),
    async (c) => withTag(c, await reopenTicket(c.get('desk'), currentUser(c), c.req.valid('param').id, c.req.valid('json'))),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/tickets/bulk',
      tags: ['Ticket work'],
      summary: 'Assign or move many tickets at once; all change or none does',
      middleware: [allow(...staff)] as const,
      request: {
        body: jsonBody(
          z.object({
            ids: z.array(z.number().int().positive()).min(1).max(500),
            assign: assignBody.optional(),
            transition: transitionBody.omit({ version: true }).optional(),
          }).refine((b) => (b.assign === undefined) !== (b.transition === undefined), { message: 'give either assign or transition', path: ['assign'] }),
        ),
      },
      responses: { 200: jsonResponse(z.object({ items: z.array(ticket) }), 'Every ticket after the change'), ...problems(401, 403, 409, 422) },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const action = body.assign
        ? { assign: { ...(body.assign.agentId !== undefined ? { agentId: body.assign.agentId } : {}), ...(body.assign.queue !== undefined ? { queue: body.assign.queue } : {}) } }
        : { transition: body.transition! };
      return c.json({ items: await bulkChange(c.get('desk'), currentUser(c), body.ids, action) }, 200);
    },
  );
