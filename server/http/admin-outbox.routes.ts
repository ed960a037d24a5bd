/** Admins see every delivery (mail and webhooks) with its last error, and retry the ones given up on (dead letters). */
import { createRoute, z } from '@hono/zod-openapi';
import { outboxMessage } from '../engine/template.schema.ts';
import { outboxPage, retryDelivery } from '../services/outbox.service.ts';
import { allow } from './access.ts';
import { router } from './desk-env.ts';
import { jsonResponse, problems } from './openapi-helpers.ts';

export const adminOutboxRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/api/admin/outbox', tags: ['Admin: deliveries'],
      summary: 'Mail and webhooks, newest first: pending (with the next attempt), sent, and failed (given up, with the reason)',
      middleware: [allow('admin')] as const,
      request: {
        query: z.object({
          status: outboxMessage.shape.status.optional(),
          cursor: z.string().regex(/^\d+$/).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
      responses: {
        200: jsonResponse(z.object({ items: z.array(outboxMessage), next: z.string().nullable() }), 'One page of the outbox'),
        ...problems(401, 403, 422),
      },
    }),
    async (c) => c.json(await outboxPage(c.get('desk'), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/admin/outbox/{id}/retry', tags: ['Admin: deliveries'],
      summary: 'Puts a failed delivery back in line, with fresh attempts',
      middleware: [allow('admin')] as const,
      request: { params: z.object({ id: z.coerce.number().int().positive() }) },
      responses: { 200: jsonResponse(outboxMessage, 'The message, pending again'), ...problems(401, 403, 404, 409) },
    }),
    async (c) => c.json(await retryDelivery(c.get('desk'), c.req.valid('param').id), 200),
  );
