/**
 * Announcement routes. Everyone signed in reads the banners meant for them
 * (`/api/announcements/live`) and may say "Me too"; managers and admins
 * write, end and mail notices.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { allow, currentUser } from '../http/access.ts';
import { router } from '../http/desk-env.ts';
import { jsonBody, jsonResponse, problems } from '../http/openapi-helpers.ts';
import { locales } from '../engine/people/people.schema.ts';
import { adminAnnouncement as adminSchema, announcementInput, announcementUpdate, endInput, liveAnnouncement, mailingView } from './announcements.schema.ts';
import {
  adminAnnouncement,
  announcementPage,
  createAnnouncement,
  editAnnouncement,
  endAnnouncement,
  liveFor,
  mailingProgress,
  recordAffected,
  startMailing,
} from './announcements.service.ts';

const tags = ['Announcements'];
const id = z.object({ id: z.coerce.number().int().positive() });
const writers = allow('manager', 'admin');

export const announcementRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/api/announcements/live', tags,
      summary: 'The notices live now for the caller\'s audience, in their language: the banners of the portal and the workspace',
      middleware: [allow('signed-in')] as const,
      request: { query: z.object({ locale: z.enum(locales).optional().describe("The reader's language; defaults to their own") }) },
      responses: { 200: jsonResponse(z.object({ items: z.array(liveAnnouncement) }), 'Live notices, newest first'), ...problems(401, 422) },
    }),
    async (c) => c.json({ items: await liveFor(c.get('desk'), currentUser(c), c.req.valid('query').locale) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/announcements/{id}/affected', tags,
      summary: '"Me too": the caller is affected by this live outage; recorded once on its major incident, and no new ticket is made',
      middleware: [allow('signed-in')] as const,
      request: { params: id },
      responses: {
        200: jsonResponse(z.object({ incidentTicketId: z.number().int(), incidentNumber: z.string(), recorded: z.boolean().describe('false when the caller had already said so') }), 'Recorded on the incident'),
        ...problems(401, 404, 409, 422),
      },
    }),
    async (c) => c.json(await recordAffected(c.get('desk'), currentUser(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/api/announcements', tags,
      summary: 'Every notice, newest first, with its state and mailing progress',
      middleware: [writers] as const,
      request: { query: z.object({ cursor: z.string().regex(/^\d+$/).optional().describe('`next` of the previous page'), limit: z.coerce.number().int().min(1).max(200).default(50) }) },
      responses: { 200: jsonResponse(z.object({ items: z.array(adminSchema), next: z.string().nullable() }), 'Notices'), ...problems(401, 403, 422) },
    }),
    async (c) => c.json(await announcementPage(c.get('desk'), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/announcements', tags,
      summary: 'Write a notice; it shows as a banner to its audience from `startsAt` until `endsAt` (or until it is ended)',
      middleware: [writers] as const,
      request: { body: jsonBody(announcementInput) },
      responses: { 201: jsonResponse(z.object({ announcement: adminSchema }), 'The notice'), ...problems(401, 403, 422) },
    }),
    async (c) => c.json({ announcement: await createAnnouncement(c.get('desk'), currentUser(c), c.req.valid('json')) }, 201),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/api/announcements/{id}', tags,
      summary: 'One notice with every language',
      middleware: [writers] as const,
      request: { params: id },
      responses: { 200: jsonResponse(z.object({ announcement: adminSchema }), 'The notice'), ...problems(401, 403, 404, 422) },
    }),
    async (c) => c.json({ announcement: await adminAnnouncement(c.get('desk'), c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'put', path: '/api/announcements/{id}', tags,
      summary: 'Save a notice (its languages are replaced by those sent); a stale `rowVersion` is 409',
      middleware: [writers] as const,
      request: { params: id, body: jsonBody(announcementUpdate) },
      responses: { 200: jsonResponse(z.object({ announcement: adminSchema }), 'The saved notice'), ...problems(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json({ announcement: await editAnnouncement(c.get('desk'), currentUser(c), c.req.valid('param').id, c.req.valid('json')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/announcements/{id}/end', tags,
      summary: 'End a notice now, before its expected end: its banner goes at once',
      middleware: [writers] as const,
      request: { params: id, body: jsonBody(endInput) },
      responses: { 200: jsonResponse(z.object({ announcement: adminSchema }), 'The ended notice'), ...problems(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json({ announcement: await endAnnouncement(c.get('desk'), currentUser(c), c.req.valid('param').id, c.req.valid('json').rowVersion) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/announcements/{id}/mailing', tags,
      summary: '"Notify everyone": mail the notice to every active person of its audience through the outbox, in batches; once per notice',
      middleware: [writers] as const,
      request: { params: id },
      responses: { 202: jsonResponse(z.object({ mailing: mailingView }), 'Started; follow its progress with GET'), ...problems(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json({ mailing: await startMailing(c.get('desk'), currentUser(c), c.req.valid('param').id) }, 202),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/api/announcements/{id}/mailing', tags,
      summary: 'How far "Notify everyone" has got: people queued of the total',
      middleware: [writers] as const,
      request: { params: id },
      responses: { 200: jsonResponse(z.object({ mailing: mailingView.nullable() }), 'Progress, or null if it was never started'), ...problems(401, 403, 404, 422) },
    }),
    async (c) => c.json({ mailing: await mailingProgress(c.get('desk'), c.req.valid('param').id) }, 200),
  );
