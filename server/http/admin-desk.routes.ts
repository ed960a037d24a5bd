/** Admins manage the desk's groups, queues, SLA policies and calendars, each with a revision. */
import { createRoute, z } from '@hono/zod-openapi';
import type { ZodType } from 'zod';
import { calendar } from '../engine/calendar/calendar.schema.ts';
import { group, queue, slaPolicy } from '../engine/desk/desk.schema.ts';
import { slug } from '../engine/workflow/workflow.schema.ts';
import {
  listStampedCalendars,
  listStampedGroups,
  listStampedQueues,
  listStampedSlaPolicies,
  removeSetting,
  saveCalendar,
  saveGroup,
  saveQueue,
  saveSlaPolicy,
  type SettingKind,
  type SettingSaver,
  type Stamped,
} from '../services/desk-settings.service.ts';
import type { DeskDb } from '../db/database.ts';
import { allow, currentUser } from './access.ts';
import { router } from './desk-env.ts';
import { jsonBody, jsonResponse, problems } from './openapi-helpers.ts';

/** What every setting carries beside its own fields, in answers. */
const stamp = z.object({
  revision: z.number().int().describe('Raised by every save; send it back as `baseRevision` so a newer save by someone else is a 409, not lost'),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable().describe('Who saved it last (null: the desk itself, e.g. the shipped settings)'),
});

const baseRevision = z.object({
  baseRevision: z.coerce.number().int().positive().optional().describe('The revision the edit started from; a newer one on the server gives 409 `conflict` with `current` (theirs) and `yours`'),
});

/** The four settings share one shape of API: list, create, replace, delete. */
function settingRoutes<S extends ZodType, P extends `/api/admin/${string}`>(o: {
  path: P;
  kind: SettingKind;
  tag: string;
  what: string;
  schema: S;
  list: (db: DeskDb) => Promise<Stamped<z.output<S>>[]>;
  save: SettingSaver<z.output<S>>;
}) {
  const stamped = z.intersection(o.schema, stamp);
  return router()
    .openapi(
      createRoute({
        method: 'get', path: o.path, tags: [o.tag], summary: `Every ${o.what}`,
        middleware: [allow('admin')] as const,
        responses: { 200: jsonResponse(z.object({ items: z.array(stamped) }), `${o.what}s, each with its revision`), ...problems(401, 403) },
      }),
      async (c) => c.json({ items: await o.list(c.get('desk').db) } as never, 200),
    )
    .openapi(
      createRoute({
        method: 'post', path: o.path, tags: [o.tag], summary: `Create a ${o.what}`,
        middleware: [allow('admin')] as const,
        request: { body: jsonBody(o.schema) },
        responses: { 201: jsonResponse(stamped, 'Created'), ...problems(401, 403, 409, 422) },
      }),
      async (c) => c.json((await o.save(c.get('desk'), currentUser(c), c.req.valid('json' as never) as z.output<S>, 'create')) as never, 201),
    )
    .openapi(
      createRoute({
        method: 'put', path: `${o.path}/{id}`, tags: [o.tag], summary: `Replace a ${o.what}`,
        middleware: [allow('admin')] as const,
        request: { params: z.object({ id: slug }), query: baseRevision, body: jsonBody(o.schema) },
        responses: { 200: jsonResponse(stamped, 'Saved'), ...problems(401, 403, 404, 409, 422) },
      }),
      async (c) => {
        const value = c.req.valid('json' as never) as z.output<S> & { id: string };
        const { id } = c.req.valid('param' as never) as { id: string };
        const { baseRevision: base } = c.req.valid('query' as never) as { baseRevision?: number };
        return c.json((await o.save(c.get('desk'), currentUser(c), { ...value, id }, 'replace', base)) as never, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'delete', path: `${o.path}/{id}`, tags: [o.tag],
        summary: `Delete a ${o.what} nothing uses`,
        description: 'Refused with 409 `in-use` listing, by path, every workflow (draft or latest version), ticket count and other setting that uses it.',
        middleware: [allow('admin')] as const,
        request: { params: z.object({ id: slug }), query: baseRevision },
        responses: { 204: { description: 'Deleted' }, ...problems(401, 403, 404, 409) },
      }),
      async (c) => {
        const { id } = c.req.valid('param' as never) as { id: string };
        const { baseRevision: base } = c.req.valid('query' as never) as { baseRevision?: number };
        await removeSetting(c.get('desk'), o.kind, id, base);
        return c.body(null, 204);
      },
    );
}

export const adminDeskRoutes = router()
  .route('/', settingRoutes({ path: '/api/admin/calendars', kind: 'calendars', tag: 'Admin: desk', what: 'business calendar', schema: calendar, list: listStampedCalendars, save: saveCalendar }))
  .route('/', settingRoutes({ path: '/api/admin/groups', kind: 'groups', tag: 'Admin: desk', what: 'group', schema: group, list: listStampedGroups, save: saveGroup }))
  .route('/', settingRoutes({ path: '/api/admin/queues', kind: 'queues', tag: 'Admin: desk', what: 'queue', schema: queue, list: listStampedQueues, save: saveQueue }))
  .route(
    '/',
    settingRoutes({ path: '/api/admin/sla-policies', kind: 'sla-policies', tag: 'Admin: desk', what: 'SLA policy', schema: slaPolicy, list: listStampedSlaPolicies, save: saveSlaPolicy }),
  );
