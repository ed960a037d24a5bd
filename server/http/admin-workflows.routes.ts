/** Admins build, check, simulate, publish, import and export workflows. */
import { createRoute, z } from '@hono/zod-openapi';
import { workflowDraft, workflowSummary, workflowVersion } from '../engine/workflow/workflow-admin.schema.ts';
import { slug, workflowDefinition } from '../engine/workflow/workflow.schema.ts';
import {
  exportWorkflow,
  getDraft,
  importWorkflow,
  listWorkflows,
  publishWorkflow,
  saveWorkflowDraft,
  workflowVersions,
} from '../services/workflow.service.ts';
import { simulateDraft } from '../services/workflow-simulation.service.ts';
import { checkDraft, rollbackWorkflow, workflowVersion as versionOf } from '../services/workflow-versions.service.ts';
import { allow, currentUser } from './access.ts';
import { router } from './desk-env.ts';
import { jsonBody, jsonResponse, problems } from './openapi-helpers.ts';

const idParam = z.object({ id: slug });
const definitionBody = jsonBody(
  z.record(z.string(), z.unknown()).describe('A workflow definition; its format is workflows/workflow.schema.json'),
);
const saved = z.object({ id: z.string(), revision: z.number().int() });
const problem = z.object({ path: z.string(), message: z.string() });
const simulationInput = z.union([
  z.object({ fields: z.record(z.string(), z.unknown()) }).strict().describe('Answers as the form would send them'),
  z.object({ ticketId: z.number().int().positive() }).strict().describe("A past ticket's answers (any workflow); answers the draft has no field for are left out and listed in `from.ignoredFields`"),
]);
const simulatedFrom = z.object({ ticketId: z.number().int(), number: z.string(), title: z.string(), workflowId: z.string(), ignoredFields: z.array(z.string()) });
const timelineEntry = z.object({
  rule: z.string().describe('The rule\'s id, or "#n" for its position'),
  index: z.number().int(),
  trigger: z.enum(['time', 'condition']).describe('time: the rule has `at`; condition: it is checked at each change and at the warning and due moments'),
  clock: z.enum(['response', 'resolution']).nullable(),
  scheduledAt: z.string().nullable().describe("A timed rule's moment, whether or not its `when` then holds"),
  firesAt: z.string().nullable().describe('When it would fire if the ticket were left alone; null: it would not'),
  businessMinutes: z.number().nullable().describe('Business minutes from the ticket being logged to firesAt (else scheduledAt)'),
  holdsNow: z.boolean().describe('Whether its `when` holds for the ticket as logged'),
  actions: z.array(z.record(z.string(), z.unknown())),
  messages: z.array(z.object({ template: z.string(), to: z.string(), subject: z.string(), status: z.string() })),
});
const versionParam = z.object({ id: slug, version: z.coerce.number().int().positive() });

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
      request: { params: idParam, body: jsonBody(simulationInput) },
      responses: {
        200: jsonResponse(
          z.object({
            ticket: z.record(z.string(), z.unknown()),
            events: z.array(z.object({ type: z.string(), data: z.record(z.string(), z.unknown()) })),
            notifications: z.array(z.record(z.string(), z.unknown())),
            from: simulatedFrom.nullable().describe('The past ticket whose answers were used, or null for typed answers'),
            escalations: z.array(timelineEntry).describe("When each of the draft's escalation rules would fire if nobody touched the ticket"),
          }),
          'What the submission would create',
        ),
        ...problems(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const result = await simulateDraft(c.get('desk'), currentUser(c), c.req.valid('param').id, c.req.valid('json'));
      const { ticket, events, notifications, from, escalations } = result;
      return c.json({ ticket: { ...ticket }, events, notifications: notifications.map((n) => ({ ...n })), from, escalations }, 200);
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
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/admin/workflows/{id}/validate', tags: ['Admin: workflows'],
      summary: 'Check a definition as a draft save would, storing nothing',
      description: 'Always 200 when the body is a JSON object: `problems` lists what a save would be refused with (the same paths and messages as its 422), empty when it would be accepted; then `definition` is the definition as it would be published (defaults filled in).',
      middleware: [allow('admin')] as const, request: { params: idParam, body: definitionBody },
      responses: {
        200: jsonResponse(
          z.object({ problems: z.array(problem), definition: workflowDefinition.optional().describe('With no problems: the definition as it would be published, defaults filled in') }),
          'What a save would say',
        ),
        ...problems(401, 403, 422),
      },
    }),
    async (c) => c.json(await checkDraft(c.get('desk'), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/api/admin/workflows/{id}/versions/{version}', tags: ['Admin: workflows'], summary: 'One published version with its full definition',
      middleware: [allow('admin')] as const, request: { params: versionParam },
      responses: { 200: jsonResponse(workflowVersion, 'The version'), ...problems(401, 403, 404) },
    }),
    async (c) => {
      const { id, version } = c.req.valid('param');
      return c.json(await versionOf(c.get('desk'), id, version), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/admin/workflows/{id}/rollback', tags: ['Admin: workflows'],
      summary: "Publish an old version's definition again as the next version; the draft follows it",
      description:
        'A draft with unpublished changes is 409 `draft-ahead` unless `discardDraft` is true. An old version that names something the desk no longer has is 422 with its paths; one equal to the latest is 409 `nothing-to-publish`.',
      middleware: [allow('admin')] as const,
      request: {
        params: idParam,
        body: jsonBody(
          z.object({
            version: z.number().int().positive(),
            note: z.string().trim().min(1).max(2000),
            discardDraft: z.boolean().optional().describe("Replace a draft that has unpublished changes (else 409 draft-ahead)"),
            baseRevision: z.number().int().positive().optional().describe('The draft revision you are looking at; a newer one gives 409 conflict'),
          }),
        ),
      },
      responses: { 201: jsonResponse(z.object({ version: workflowVersion, revision: z.number().int().describe('The draft\'s new revision') }), 'The new version'), ...problems(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await rollbackWorkflow(c.get('desk'), currentUser(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );
