/** The mail channels API, for admins: channels, "test connection", and what became of each message read. */
import { createRoute, z } from '@hono/zod-openapi';
import { allow } from '../http/access.ts';
import { router } from '../http/desk-env.ts';
import { jsonBody, jsonResponse, problems } from '../http/openapi-helpers.ts';
import { testConnection } from './imap-reader.ts';
import { changeChannel, channelMessages, channelPassword, createChannel, getChannel, listChannels, removeChannel, storedChannel } from './mail-in.service.ts';
import { connectionReport, mailChannel, mailChannelChange, mailChannelInput, mailMessage, mailStatuses } from './mail-in.schema.ts';

const channelId = z.object({ id: z.string().min(1).max(100) });
const tags = ['Admin: mail channels'];

export const mailInRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/api/admin/mail-channels', tags, summary: 'Every mail channel (never its password)',
      middleware: [allow('admin')] as const,
      responses: { 200: jsonResponse(z.object({ items: z.array(mailChannel) }), 'Channels'), ...problems(401, 403) },
    }),
    async (c) => c.json({ items: await listChannels(c.get('desk')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/admin/mail-channels', tags, summary: 'Add an IMAP mailbox the desk reads; the password is stored encrypted with DESK_SECRET_KEY (422 without it)',
      middleware: [allow('admin')] as const,
      request: { body: jsonBody(mailChannelInput) },
      responses: { 201: jsonResponse(z.object({ channel: mailChannel }), 'The channel'), ...problems(401, 403, 409, 422) },
    }),
    async (c) => c.json({ channel: await createChannel(c.get('desk'), c.req.valid('json')) }, 201),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/api/admin/mail-channels/{id}', tags, summary: 'One mail channel',
      middleware: [allow('admin')] as const,
      request: { params: channelId },
      responses: { 200: jsonResponse(z.object({ channel: mailChannel }), 'The channel'), ...problems(401, 403, 404) },
    }),
    async (c) => c.json({ channel: await getChannel(c.get('desk'), c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'put', path: '/api/admin/mail-channels/{id}', tags, summary: 'Change a mail channel (the version it was read at, or 409); without `password` the stored one stays',
      middleware: [allow('admin')] as const,
      request: { params: channelId, body: jsonBody(mailChannelChange) },
      responses: { 200: jsonResponse(z.object({ channel: mailChannel }), 'The channel now'), ...problems(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json({ channel: await changeChannel(c.get('desk'), c.req.valid('param').id, c.req.valid('json')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'delete', path: '/api/admin/mail-channels/{id}', tags, summary: 'Remove a mail channel and its message records (tickets stay)',
      middleware: [allow('admin')] as const,
      request: { params: channelId },
      responses: { 204: { description: 'Removed' }, ...problems(401, 403, 404) },
    }),
    async (c) => {
      await removeChannel(c.get('desk'), c.req.valid('param').id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/admin/mail-channels/{id}/test', tags, summary: 'Test connection: name lookup, TCP, TLS, sign-in and folder, saying which step failed',
      middleware: [allow('admin')] as const,
      request: { params: channelId },
      responses: { 200: jsonResponse(connectionReport, 'What the test found (`ok: false` names the failed step)'), ...problems(401, 403, 404, 409) },
    }),
    async (c) => {
      const desk = c.get('desk');
      const channel = await storedChannel(desk.db, c.req.valid('param').id);
      return c.json(await testConnection(channel, channelPassword(desk, channel)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/api/admin/mail-channels/{id}/messages', tags, summary: 'The messages read from a channel, newest first, with what became of each (e.g. `?status=failed` and why)',
      middleware: [allow('admin')] as const,
      request: {
        params: channelId,
        query: z.object({ status: z.enum(mailStatuses).optional(), cursor: z.string().regex(/^\d+$/).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
      },
      responses: { 200: jsonResponse(z.object({ items: z.array(mailMessage), next: z.string().nullable() }), 'One page'), ...problems(401, 403, 404, 422) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(await channelMessages(c.get('desk'), c.req.valid('param').id, { status: q.status, beforeId: q.cursor ? Number(q.cursor) : undefined, limit: q.limit }), 200);
    },
  );
