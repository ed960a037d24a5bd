/**
 * The ticket page's knowledge, for staff who follow the ticket: suggested
 * articles and similar resolved tickets, and saving a resolution as a draft
 * article. Requesters never reach these (403; a ticket one may not see is 404).
 * "Resolve with this article" is `resolution.articleId` on a transition.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { allow, currentUser } from '../http/access.ts';
import { router } from '../http/desk-env.ts';
import { jsonBody, jsonResponse, problems } from '../http/openapi-helpers.ts';
import { draftedArticle, draftFromTicket, ticketSuggestions } from './agent-knowledge.schema.ts';
import { draftArticleFromTicket, ticketSuggestions as suggestFor } from './agent-knowledge.service.ts';

const tags = ['Knowledge'];
const staff = ['agent', 'specialist', 'manager', 'admin'] as const;
const ticketId = z.object({ id: z.coerce.number().int().positive() });

export const agentKnowledgeRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/api/tickets/{id}/suggestions', tags,
      summary: "Articles and similar resolved tickets for the ticket's title and fields, best first",
      description: "Published articles, internal and public, in the ticket's language (else English); resolved and closed tickets from the queues the caller works.",
      middleware: [allow(...staff)] as const,
      request: { params: ticketId, query: z.object({ limit: z.coerce.number().int().min(1).max(10).default(5) }) },
      responses: { 200: jsonResponse(ticketSuggestions, 'Suggestions'), ...problems(401, 403, 404, 422) },
    }),
    async (c) => c.json(await suggestFor(c.get('desk'), currentUser(c), c.req.valid('param').id, c.req.valid('query').limit), 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/tickets/{id}/articles', tags,
      summary: "Save the ticket's resolution as a new article: a draft (internal by default) for an admin to review, linked from the ticket's history",
      middleware: [allow(...staff)] as const,
      request: { params: ticketId, body: jsonBody(draftFromTicket) },
      responses: { 201: jsonResponse(z.object({ article: draftedArticle }), 'The draft'), ...problems(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json({ article: await draftArticleFromTicket(c.get('desk'), currentUser(c), c.req.valid('param').id, c.req.valid('json')) }, 201),
  );
