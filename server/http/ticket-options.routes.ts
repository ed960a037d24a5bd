/**
 * What a screen needs beside the ticket itself: its form and states (for
 * labels), the people named in it, and the actions the caller may take now.
 * Read-only; every change still goes through the ticket-action routes, which
 * check everything again.
 */
import { escalationTargets } from '../engine/tickets/escalation-targets.ts';
import { createRoute, z } from '@hono/zod-openapi';
import { findUserById } from '../db/users.repository.ts';
import { findVersionById } from '../db/workflows.repository.ts';
import { worksOnTicket } from '../engine/people/visibility.ts';
import { lifecycleOf, nextStates } from '../engine/tickets/lifecycle.ts';
import { stateClasses } from '../engine/workflow/lifecycle.schema.ts';
import { formField, localisedText } from '../engine/workflow/workflow.schema.ts';
import { deskSnapshot } from '../services/desk-snapshot.ts';
import { getTicket } from '../services/ticket.service.ts';
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
    .describe('States the caller may move it to from here (a guard may still refuse)'),
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
  async (c) => {
    const desk = c.get('desk');
    const user = currentUser(c);
    // getTicket decides visibility (404 for anyone who may not see it) and which history they see.
    const [{ ticket, events }, snapshot] = await Promise.all([getTicket(desk, user, c.req.valid('param').id), deskSnapshot(desk)]);
    const version = await findVersionById(desk.db, ticket.workflowVersionId);
    if (!version) throw new Error(`ticket ${ticket.id} refers to a missing workflow version`);
    const definition = version.definition;
    const queues = snapshot.directory.queues;
    const queue = queues.get(ticket.queue);
    const staff = worksOnTicket(user, ticket, (q) => queues.get(q)?.group);
    const as = staff ? ('staff' as const) : ticket.requesterId === user.id ? ('requester' as const) : ('follower' as const);
    const lifecycle = lifecycleOf(definition);
    const label = (s: { label?: z.infer<typeof localisedText> | undefined }) => s.label ?? null;

    const ids = new Set([ticket.requesterId, ...(ticket.assigneeId ? [ticket.assigneeId] : []), ...events.flatMap((e) => (e.actorId ? [e.actorId] : []))]);
    const found = await Promise.all([...ids].map((id) => findUserById(desk.db, id)));
    const seesEmails = as !== 'requester';
    const people = found.flatMap((u) => (u ? [{ id: u.id, name: u.name, ...(seesEmails ? { email: u.email } : {}) }] : []));

    return c.json(
      {
        as,
        workflow: { id: version.workflowId, name: definition.name, form: { fields: definition.form.fields } },
        states: lifecycle.states.map((s) => ({ id: s.id, class: s.class, label: label(s) })),
        transitions: staff
          ? nextStates(lifecycle, ticket.status, user).map((s) => ({
              id: s.id,
              class: s.class,
              label: label(s),
              requires: lifecycle.transitions.find((t) => t.to === s.id && t.from.includes(ticket.status) && t.roles.some((r) => user.roles.includes(r)))?.requires ?? [],
            }))
          : [],
        resolutionCodes: definition.resolution.codes,
        escalateTo: staff
          ? escalationTargets(definition, ticket).flatMap((id) => {
              const q = queues.get(id);
              return q ? [{ id, name: q.name }] : [];
            })
          : [],
        canEscalateToManager: staff && Boolean(queue?.manager),
        assignees: staff ? (queue?.members ?? []).map((m) => ({ id: m.id, name: m.name, email: m.email })) : [],
        people,
        queues: as === 'requester' ? [] : [...queues.values()].map((q) => ({ id: q.id, name: q.name })),
      },
      200,
    );
  },
);
