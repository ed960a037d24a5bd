/** Admins manage the desk's groups, queues and SLA policies. */
import { createRoute, z } from '@hono/zod-openapi';
import type { ZodType } from 'zod';
import { listCalendars, listGroups, listQueues, listSlaPolicies } from '../db/desk.repository.ts';
import { calendar } from '../engine/calendar/calendar.schema.ts';
import { group, queue, slaPolicy } from '../engine/desk/desk.schema.ts';
import { slug } from '../engine/workflow/workflow.schema.ts';
import { saveCalendar, saveGroup, saveQueue, saveSlaPolicy } from '../services/desk-settings.service.ts';
import type { DeskContext } from '../services/desk-context.ts';
import type { DeskDb } from '../db/database.ts';
import { allow } from './access.ts';
import { router } from './desk-env.ts';
import { jsonBody, jsonResponse, problems } from './openapi-helpers.ts';

/** The three settings share one shape of API: list, create, replace. */
function settingRoutes<S extends ZodType, P extends `/api/admin/${string}`>(o: {
  path: P;
  tag: string;
  what: string;
  schema: S;
  list: (db: DeskDb) => Promise<z.output<S>[]>;
  save: (desk: DeskContext, value: z.output<S>, mode: 'create' | 'replace') => Promise<z.output<S>>;
}) {
  return router()
    .openapi(
      createRoute({
        method: 'get', path: o.path, tags: [o.tag], summary: `Every ${o.what}`,
        middleware: [allow('admin')] as const,
        responses: { 200: jsonResponse(z.object({ items: z.array(o.schema) }), `${o.what}s`), ...problems(401, 403) },
      }),
      async (c) => c.json({ items: await o.list(c.get('desk').db) } as never, 200),
    )
    .openapi(
      createRoute({
        method: 'post', path: o.path, tags: [o.tag], summary: `Create a ${o.what}`,
        middleware: [allow('admin')] as const,
        request: { body: jsonBody(o.schema) },
        responses: { 201: jsonResponse(o.schema, 'Created'), ...problems(401, 403, 409, 422) },
      }),
      async (c) => c.json((await o.save(c.get('desk'), c.req.valid('json' as never) as z.output<S>, 'create')) as never, 201),
    )
    .openapi(
      createRoute({
        method: 'put', path: `${o.path}/{id}`, tags: [o.tag], summary: `Replace a ${o.what}`,
        middleware: [allow('admin')] as const,
        request: { params: z.object({ id: slug }), body: jsonBody(o.schema) },
        responses: { 200: jsonResponse(o.schema, 'Saved'), ...problems(401, 403, 404, 422) },
      }),
      async (c) => {
        const value = c.req.valid('json' as never) as z.output<S> & { id: string };
        const { id } = c.req.valid('param' as never) as { id: string };
        return c.json((await o.save(c.get('desk'), { ...value, id }, 'replace')) as never, 200);
      },
    );
}

export const adminDeskRoutes = router()
  .route('/', settingRoutes({ path: '/api/admin/calendars', tag: 'Admin: desk', what: 'business calendar', schema: calendar, list: listCalendars, save: saveCalendar }))
  .route('/', settingRoutes({ path: '/api/admin/groups', tag: 'Admin: desk', what: 'group', schema: group, list: listGroups, save: saveGroup }))
  .route('/', settingRoutes({ path: '/api/admin/queues', tag: 'Admin: desk', what: 'queue', schema: queue, list: listQueues, save: saveQueue }))
  .route(
    '/',
    settingRoutes({ path: '/api/admin/sla-policies', tag: 'Admin: desk', what: 'SLA policy', schema: slaPolicy, list: listSlaPolicies, save: saveSlaPolicy }),
  );
