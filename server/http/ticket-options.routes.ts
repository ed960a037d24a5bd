/**
 * What a screen needs beside the ticket itself: its form and states (for
 * labels), the people named in it, and the actions the caller may take now.
 * Read-only (server/services/ticket-options.service.ts); every change still
 * goes through the ticket-action routes, which check everything again.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { stateClasses } from '../engine/workflow/lifecycle.schema.ts';
import { formField, localisedText } from '../engine/workflow/workflow.schema.ts';
import { ticketOptions as optionsOf } from '../services/ticket-options.service.ts';
import { allow, currentUser } from './access.ts';
import { router } from './desk-env.ts';
import { jsonResponse, problems } from './openapi-helpers.ts';

const person = z.object({ id: z.string(), name: z.string(), email: z.string().optional().describe('Only for staff') });
const state = z.object({ id: z.string(), class: z.enum(stateClasses), label: localisedText.nullable() });

const ticketOptions = z.object({
  as: z.enum(['staff', 'requester', 'follower']).describe('staff: may work it now; requester: asked for it; follower: a group that held it before, who may read but not change it'),
  workflow: z.object({ id: z.string(), name: localisedText, form: z.object({ fields: z.array(formField) }) }).describe("The ticket's own workflow version"),
  states: z.array(state).describe('Every state of its lifecycle, for labels'),
  transitions: z
    .array(state.extend({ requires: z.array(z.string()).describe('"comment", "resolution.code", "resolution.notes" or a form field key') }))
    .describe('States the caller may move it to from here, each with what the transition that would be taken requires (the first their role allows whose guard holds now)'),
  resolutionCodes: z.array(z.object({ value: z.string(), label: localisedText })),
  escalateTo: z.array(z.object({ id: z.string(), name: localisedText })).describe('Queues a functional escalation may move it to'),
  canEscalateToManager: z.boolean().describe("Its queue has a manager for a hierarchical escalation"),
  assignees: z.array(person).describe("Members of the group working its queue: who it can be assigned to"),
  people: z.array(person).describe('The requester, the assignee and everyone in the history the caller sees'),
  queues: z.array(z.object({ id: z.string(), name: localisedText })).describe('Every queue, for the names in its history (staff only)'),
});

export const ticketOptionRoutes = router().openapi(
  createRoute({
    method: 'get',
    path: '/api/tickets/{id}/options',
    tags: ['Tickets'],
    summary: "The ticket's form, states and people, and what the caller may do with it now",
    middleware: [allow('signed-in')] as const,
    request: { params: z.object({ id: z.coerce.number().int().positive() }) },
    responses: { 200: jsonResponse(ticketOptions, 'What the ticket screens need'), ...problems(401, 404) },
  }),
  async (c) => c.json(await optionsOf(c.get('desk'), currentUser(c), c.req.valid('param').id), 200),
);
