/** Duty rotas: who in a group is on shift when; automatic assignment only picks people on shift. */
import { createRoute, z } from '@hono/zod-openapi';
import { rota } from '../engine/assignment/rota.schema.ts';
import { groupRota, saveRota } from '../services/desk-settings.service.ts';
import { allow } from './access.ts';
import { router } from './desk-env.ts';
import { jsonBody, jsonResponse, problems } from './openapi-helpers.ts';

const params = z.object({ id: z.string() });
const answer = z.object({ rota: rota.nullable() });

export const rotaRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/groups/{id}/rota',
      tags: ['Rotas'],
      summary: "A group's duty rota (null: every member counts as on shift)",
      middleware: [allow('agent', 'specialist', 'manager', 'admin')] as const,
      request: { params },
      responses: { 200: jsonResponse(answer, 'The rota'), ...problems(401, 403, 404) },
    }),
    async (c) => c.json({ rota: await groupRota(c.get('desk'), c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/api/groups/{id}/rota',
      tags: ['Rotas'],
      summary: "Replace a group's duty rota; send null to remove it",
      middleware: [allow('manager', 'admin')] as const,
      request: { params, body: jsonBody(answer) },
      responses: { 200: jsonResponse(answer, 'Saved'), ...problems(401, 403, 404, 422) },
    }),
    async (c) => c.json({ rota: await saveRota(c.get('desk'), c.req.valid('param').id, c.req.valid('json').rota) }, 200),
  );
