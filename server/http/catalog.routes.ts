/** The service catalogue and form submissions. */
import { createRoute, z } from '@hono/zod-openapi';
import { catalogEntry } from '../engine/workflow/catalog.schema.ts';
import { ticket } from '../engine/tickets/ticket.schema.ts';
import { catalog, submitForm } from '../services/intake.service.ts';
import { allow, currentUser } from './access.ts';
import { router } from './desk-env.ts';
import { jsonBody, jsonResponse, problems } from './openapi-helpers.ts';

const submission = z.object({
  fields: z.record(z.string(), z.unknown()).describe('Field key → value, as the form defines them'),
});

export const catalogRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/catalog',
      tags: ['Portal'],
      summary: 'The forms the caller may submit, each with its published form',
      middleware: [allow('signed-in')] as const,
      responses: { 200: jsonResponse(z.object({ items: z.array(catalogEntry) }), 'The catalogue'), ...problems(401) },
    }),
    async (c) => c.json({ items: await catalog(c.get('desk'), currentUser(c)) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/workflows/{id}/submissions',
      tags: ['Portal'],
      summary: 'Submit a form; the ticket is categorised, prioritised and routed',
      description: 'Send an `Idempotency-Key` header to make retries safe: a repeated key returns the ticket the first request created.',
      middleware: [allow('signed-in')] as const,
      request: {
        params: z.object({ id: z.string() }),
        headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
        body: jsonBody(submission),
      },
      responses: {
        201: jsonResponse(z.object({ ticket }), 'The ticket was created'),
        200: jsonResponse(z.object({ ticket }), 'The same Idempotency-Key was used before; this is that ticket'),
        ...problems(401, 404, 422),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { fields } = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'] ?? null;
      const result = await submitForm(c.get('desk'), currentUser(c), id, fields, key);
      return result.created ? c.json({ ticket: result.ticket }, 201) : c.json({ ticket: result.ticket }, 200);
    },
  );
