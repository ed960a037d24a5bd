/** Saved ticket views: a name and a json-logic filter; open one with GET /api/tickets?view=ID. */
import { createRoute, z } from '@hono/zod-openapi';
import { myViews, removeView, saveView } from '../services/saved-views.service.ts';
import { allow, currentUser } from './access.ts';
import { router } from './desk-env.ts';
import { jsonBody, jsonResponse, problems } from './openapi-helpers.ts';

const staff = ['agent', 'specialist', 'manager', 'admin'] as const;
const savedView = z.object({
  id: z.number().int(),
  name: z.string(),
  filter: z.unknown().describe('json-logic over ticket.status, ticket.priority, ticket.queue, ticket.assignee… with {"var": "me"} and {"var": "now"}'),
  createdAt: z.string(),
});

export const viewRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/views',
      tags: ['Views'],
      summary: "The caller's saved views",
      middleware: [allow(...staff)] as const,
      responses: { 200: jsonResponse(z.object({ items: z.array(savedView) }), 'Saved views'), ...problems(401, 403) },
    }),
    async (c) => c.json({ items: await myViews(c.get('desk'), currentUser(c)) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/views',
      tags: ['Views'],
      summary: 'Save a view; its filter is checked now, with the exact path of anything the desk cannot run',
      middleware: [allow(...staff)] as const,
      request: { body: jsonBody(z.object({ name: z.string().trim().min(1).max(100), filter: z.unknown() })) },
      responses: { 201: jsonResponse(z.object({ view: savedView }), 'The saved view'), ...problems(401, 403, 422) },
    }),
    async (c) => {
      const body = c.req.valid('json');
      return c.json({ view: await saveView(c.get('desk'), currentUser(c), { name: body.name, filter: body.filter }) }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/api/views/{id}',
      tags: ['Views'],
      summary: 'Delete one of your views',
      middleware: [allow(...staff)] as const,
      request: { params: z.object({ id: z.coerce.number().int().positive() }) },
      responses: { 204: { description: 'Deleted' }, ...problems(401, 403, 404) },
    }),
    async (c) => {
      await removeView(c.get('desk'), currentUser(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
