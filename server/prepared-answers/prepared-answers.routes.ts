/**
 * Prepared answers: staff find them and render one for a ticket
 * (`/api/prepared-answers`); admins write them (`/api/admin/prepared-answers`).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { allow, currentUser } from '../http/access.ts';
import { router } from '../http/desk-env.ts';
import { jsonBody, jsonResponse, problems } from '../http/openapi-helpers.ts';
import { preparedAnswer, preparedAnswerInput } from './prepared-answers.schema.ts';
import { allAnswers, createAnswer, findAnswers, removeAnswer, renderAnswer, saveAnswer } from './prepared-answers.service.ts';

const tags = ['Prepared answers'];
const staff = ['agent', 'specialist', 'manager', 'admin'] as const;
const id = z.object({ id: z.coerce.number().int().positive() });

export const preparedAnswerRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/api/prepared-answers', tags,
      summary: 'The prepared answers the caller may use (desk-wide and their groups\'), those with every word of `q` first by name',
      middleware: [allow(...staff)] as const,
      request: { query: z.object({ q: z.string().max(200).optional() }) },
      responses: { 200: jsonResponse(z.object({ items: z.array(preparedAnswer) }), 'Prepared answers'), ...problems(401, 403, 422) },
    }),
    async (c) => c.json({ items: await findAnswers(c.get('desk'), currentUser(c), c.req.valid('query').q) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/prepared-answers/{id}/render', tags,
      summary: "An answer's text for a ticket, in the requester's language, with the ticket's variables filled in; nothing is sent or written",
      middleware: [allow(...staff)] as const,
      request: { params: id, body: jsonBody(z.object({ ticketId: z.number().int().positive() }).strict()) },
      responses: { 200: jsonResponse(z.object({ text: z.string(), locale: z.string() }), 'The text to edit and send'), ...problems(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await renderAnswer(c.get('desk'), currentUser(c), c.req.valid('param').id, c.req.valid('json').ticketId), 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/api/admin/prepared-answers', tags, summary: 'Every prepared answer',
      middleware: [allow('admin')] as const,
      responses: { 200: jsonResponse(z.object({ items: z.array(preparedAnswer) }), 'Prepared answers'), ...problems(401, 403) },
    }),
    async (c) => c.json({ items: await allAnswers(c.get('desk')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/admin/prepared-answers', tags,
      summary: 'Add a prepared answer; each text is checked like a notification template (line and column of what is wrong)',
      middleware: [allow('admin')] as const,
      request: { body: jsonBody(preparedAnswerInput) },
      responses: { 201: jsonResponse(z.object({ answer: preparedAnswer }), 'The answer'), ...problems(401, 403, 422) },
    }),
    async (c) => c.json({ answer: await createAnswer(c.get('desk'), currentUser(c), c.req.valid('json')) }, 201),
  )
  .openapi(
    createRoute({
      method: 'put', path: '/api/admin/prepared-answers/{id}', tags, summary: 'Save a prepared answer; a stale `rowVersion` is 409',
      middleware: [allow('admin')] as const,
      request: { params: id, body: jsonBody(preparedAnswerInput.extend({ rowVersion: z.number().int().positive() }).strict()) },
      responses: { 200: jsonResponse(z.object({ answer: preparedAnswer }), 'The answer'), ...problems(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json({ answer: await saveAnswer(c.get('desk'), currentUser(c), c.req.valid('param').id, c.req.valid('json')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'delete', path: '/api/admin/prepared-answers/{id}', tags, summary: 'Delete a prepared answer',
      middleware: [allow('admin')] as const,
      request: { params: id },
      responses: { 204: { description: 'Deleted' }, ...problems(401, 403, 404, 422) },
    }),
    async (c) => {
      await removeAnswer(c.get('desk'), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
