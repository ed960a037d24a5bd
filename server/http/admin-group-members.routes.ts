/** Admins choose who belongs to a support group (membership is kept on the accounts). */
import { createRoute, z } from '@hono/zod-openapi';
import { slug } from '../engine/workflow/workflow.schema.ts';
import { saveGroupMembers } from '../services/desk-settings.service.ts';
import { allow } from './access.ts';
import { router } from './desk-env.ts';
import { jsonBody, jsonResponse, problems } from './openapi-helpers.ts';

const members = z.object({
  members: z.array(z.string().min(1).max(320)).max(1000).describe('The e-mail addresses of everyone in the group; anyone left out leaves it'),
});

export const adminGroupMemberRoutes = router().openapi(
  createRoute({
    method: 'put', path: '/api/admin/groups/{id}/members', tags: ['Admin: desk'], summary: "Replace a group's members",
    middleware: [allow('admin')] as const,
    request: { params: z.object({ id: slug }), body: jsonBody(members) },
    responses: { 200: jsonResponse(members, 'The members now'), ...problems(401, 403, 404, 422) },
  }),
  async (c) => c.json({ members: await saveGroupMembers(c.get('desk'), c.req.valid('param').id, c.req.valid('json').members) }, 200),
);
