/** Admins build, check, simulate, publish, import and export workflows. */
import { createRoute, z } from '@hono/zod-openapi';
import { invalid } from '../errors.ts';
import { workflowDraft, workflowSummary, workflowVersion } from '../engine/workflow/workflow-admin.schema.ts';
import { slug } from '../engine/workflow/workflow.schema.ts';
import {
  exportWorkflow,
  getDraft,
  importWorkflow,
  listWorkflows,
  publishWorkflow,
  saveWorkflowDraft,
  simulateWorkflow,
  workflowVersions,
} from '../services/workflow.service.ts';
import { allow, currentUser } from './access.ts';
import { router } from './desk-env.ts';
import { jsonBody, jsonResponse, problems } from './openapi-helpers.ts';

const idParam = z.object({ id: slug });
const definitionBody = jsonBody(
  z.record(z.string(), z.unknown()).describe('A workflow definition; its format is workflows/workflow.schema.json'),
);
const saved = z.object({ id: z.string(), revision: z.number().int() });

export const adminWorkflowRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/api/admin/workflows', tags: ['Admin: workflows'], summary: 'Every workflow with its draft and published state',
      middleware: [allow('admin')] as const,
      responses: { 200: jsonResponse(z.object({ items: z.array(workflowSummary) }), 'Workflows'), ...problems(401, 403) },
    }),
    async (c) => c.json({ items: await listWorkflows(c.get('desk')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/api/admin/workflows/{id}', tags: ['Admin: workflows'], summary: "A workflow's draft",
      middleware: [allow('admin')] as const, request: { params: idParam },
      responses: { 200: jsonResponse(workflowDraft, 'The draft'), ...problems(401, 403, 404) },
    }),
    async (c) => c.json(await getDraft(c.get('desk'), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'put', path: '/api/admin/workflows/{id}/draft', tags: ['Admin: workflows'],
      summary: 'Save a draft; refused with every problem (path and reason) when it is not valid',
      middleware: [allow('admin')] as const,
      request: {
        params: idParam,
        query: z.object({ baseRevision: z.coerce.number().int().positive().optional().describe('The revision the edit started from; a newer one on the server gives 409') }),
        body: definitionBody,
      },
      responses: { 200: jsonResponse(saved, 'Saved'), ...problems(401, 403, 409, 422) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { baseRevision } = c.req.valid('query');
      return c.json(await saveWorkflowDraft(c.get('desk'), currentUser(c), id, c.req.valid('json'), baseRevision), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/admin/workflows/{id}/simulate', tags: ['Admin: workflows'],
      summary: 'Run a submission through the draft and see what would happen; nothing is written',
      middleware: [allow('admin')] as const,
      request: { params: idParam, body: jsonBody(z.object({ fields: z.record(z.string(), z.unknown()) })) },
      responses: {
        200: jsonResponse(
          z.object({
            ticket: z.record(z.string(), z.unknown()),
            events: z.array(z.object({ type: z.string(), data: z.record(z.string(), z.unknown()) })),
            notifications: z.array(z.record(z.string(), z.unknown())),
          }),
          'What the submission would create',
        ),
        ...problems(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const result = await simulateWorkflow(c.get('desk'), currentUser(c), c.req.valid('param').id, c.req.valid('json').fields);
      if (!result.ok) throw invalid('The submission would be refused', result.problems);
      const { ticket, events, notifications } = result;
      return c.json({ ticket: { ...ticket }, events, notifications: notifications.map((n) => ({ ...n })) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/admin/workflows/{id}/publish', tags: ['Admin: workflows'],
      summary: 'Publish the draft as a new immutable version',
      middleware: [allow('admin')] as const,
      request: { params: idParam, body: { ...jsonBody(z.object({ note: z.string().max(2000).optional() })), required: false } },
      responses: { 201: jsonResponse(workflowVersion, 'The new version'), ...problems(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const note = c.req.valid('json')?.note ?? null;
      return c.json(await publishWorkflow(c.get('desk'), currentUser(c), c.req.valid('param').id, note), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/api/admin/workflows/{id}/versions', tags: ['Admin: workflows'], summary: 'Published versions, newest first',
      middleware: [allow('admin')] as const, request: { params: idParam },
      responses: { 200: jsonResponse(z.object({ items: z.array(workflowVersion) }), 'Versions'), ...problems(401, 403, 404) },
    }),
    async (c) => c.json({ items: await workflowVersions(c.get('desk'), c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/api/admin/workflows/{id}/export', tags: ['Admin: workflows'],
      summary: 'The published definition as a file for workflows/',
      middleware: [allow('admin')] as const, request: { params: idParam },
      responses: { 200: jsonResponse(z.record(z.string(), z.unknown()), 'The workflow file'), ...problems(401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const file = (await exportWorkflow(c.get('desk'), id)) as Record<string, unknown>;
      c.header('Content-Disposition', `attachment; filename="${id}.json"`);
      return c.json(file, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/admin/workflows/import', tags: ['Admin: workflows'],
      summary: "Import a workflow file as its workflow's draft (publish separately)",
      middleware: [allow('admin')] as const, request: { body: definitionBody },
      responses: { 200: jsonResponse(saved, 'Imported as the draft'), ...problems(401, 403, 422) },
    }),
    async (c) => c.json(await importWorkflow(c.get('desk'), currentUser(c), c.req.valid('json')), 200),
  );
