/**
 * The builder's simulation: a submission run through the draft — from the
 * answers typed into the preview, or from a past ticket's — and what the
 * draft's escalation rules would then do over time. Nothing is written.
 */
import { notFound, invalid } from '../errors.ts';
import { findTicket } from '../db/tickets.repository.ts';
import { findUserById } from '../db/users.repository.ts';
import { openedTicket, type NewTicket } from '../engine/intake.ts';
import type { User } from '../engine/people/people.schema.ts';
import { escalationTimeline, type TimelineEntry } from '../engine/tickets/escalation-timeline.ts';
import type { WorkflowDefinition } from '../engine/workflow/workflow.schema.ts';
import type { DeskContext } from './desk-context.ts';
import { deskSnapshot } from './desk-snapshot.ts';
import { assertValidWorkflow, getDraft, simulateWorkflow } from './workflow.service.ts';

export type SimulationInput = { fields: Record<string, unknown> } | { ticketId: number };

/** Where the answers came from when they were a past ticket's. */
export interface SimulatedFrom {
  ticketId: number;
  number: string;
  title: string;
  workflowId: string;
  /** The ticket's answers the draft's form has no field for: left out, not an error. */
  ignoredFields: string[];
}

/**
 * Runs the simulation. With `ticketId` the answers are that ticket's (from
 * whichever workflow and version it was logged under) and its requester is
 * the requester, so rules reading `requester.*` see who really asked;
 * answers for fields the draft lacks are reported in `from.ignoredFields`.
 * A form refusal is still a 422 at `fields.<key>`.
 */
export async function simulateDraft(desk: DeskContext, admin: User, id: string, input: SimulationInput) {
  let fields: Record<string, unknown>;
  let requester = admin;
  let from: SimulatedFrom | null = null;
  const definition = await assertValidWorkflow(desk.db, (await getDraft(desk, id)).draft, id);
  if ('ticketId' in input) {
    const past = await findTicket(desk.db, input.ticketId);
    if (!past) throw notFound(`The ticket ${input.ticketId}`);
    const known = new Set(definition.form.fields.map((f) => f.key));
    fields = Object.fromEntries(Object.entries(past.fields).filter(([k]) => known.has(k)));
    requester = (await findUserById(desk.db, past.requesterId)) ?? admin;
    from = {
      ticketId: past.id,
      number: past.number,
      title: past.title,
      workflowId: past.workflowId,
      ignoredFields: Object.keys(past.fields).filter((k) => !known.has(k)),
    };
  } else fields = input.fields;

  const result = await simulateWorkflow(desk, requester, id, fields);
  if (!result.ok) throw invalid('The submission would be refused', result.problems);
  const escalations = await timelineOf(desk, definition, result.ticket, requester);
  return { ...result, from, escalations };
}

async function timelineOf(desk: DeskContext, definition: WorkflowDefinition, t: NewTicket, requester: User): Promise<TimelineEntry[]> {
  const snapshot = await deskSnapshot(desk);
  const ticket = openedTicket(t, 0);
  return escalationTimeline({
    ticket,
    workflow: { id: definition.id, version: 0, definition },
    requester,
    people: new Map(),
    desk: snapshot.directory,
    templates: snapshot.templates,
    now: new Date(t.createdAt),
  });
}
