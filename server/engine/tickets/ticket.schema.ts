/** A ticket and its history as the desk shows them: the API's and the repository's one shape. */
import { z } from 'zod';
import { stateClasses } from '../workflow/lifecycle.schema.ts';

export const ticket = z.object({
  id: z.number().int(),
  number: z.string().describe('What people quote, e.g. "INC-1042"'),
  workflowId: z.string(),
  workflowVersionId: z.number().int().describe('The workflow version the ticket was created under; it keeps it'),
  kind: z.string(),
  status: z.string().describe("The workflow's state, e.g. \"open\""),
  statusClass: z.enum(stateClasses).describe('What the state means to the desk: new, open, pending, resolved or closed'),
  title: z.string(),
  category: z.string().nullable(),
  priority: z.string(),
  impact: z.string().nullable(),
  urgency: z.string().nullable(),
  queue: z.string(),
  assigneeId: z.string().nullable(),
  requesterId: z.string(),
  fields: z.record(z.string(), z.unknown()),
  slaPolicy: z.string(),
  slaDue: z.object({ response: z.string().nullable(), resolution: z.string().nullable() }),
  firstResponseAt: z.string().nullable().describe("When support first replied to the requester"),
  resolution: z.object({ code: z.string(), notes: z.string(), resolvedAt: z.string() }).nullable(),
  closedAt: z.string().nullable(),
  satisfaction: z.object({ rating: z.number().int().min(1).max(5).nullable(), comment: z.string().nullable() }).nullable(),
  managerFlaggedAt: z.string().nullable().describe("When a hierarchical escalation flagged the ticket to its queue's manager"),
  heldByGroups: z.array(z.string()).describe('Groups whose queues held the ticket before, who still see it'),
  slaPauses: z.array(z.object({ from: z.string(), to: z.string().nullable() })).describe('When the SLA clocks stood still (waiting on the requester, or resolved)'),
  slaRestartedAt: z.string().nullable().describe('When a reopen restarted the resolution clock (SLA policy "onReopen": "restart"); null: it runs from when the ticket was logged'),
  escalationCycle: z.number().int().describe('Escalation rules fire once per cycle; a reopen (and, per SLA policy, a resumed clock) starts the next'),
  createdAt: z.string(),
  updatedAt: z.string(),
  rowVersion: z.number().int().describe('Send it back with an update; a stale one gets 409'),
});
export type Ticket = z.infer<typeof ticket>;

export const slaStates = ['running', 'paused', 'warning', 'met', 'breached'] as const;

/** One SLA clock as screens and rules read it. */
export const slaFacts = z.object({
  dueAt: z.string().nullable().describe('Null while the clock stands still: the due time is unknown until it runs again'),
  elapsedMinutes: z.number().describe('Business minutes the clock has run'),
  remainingMinutes: z.number(),
  elapsedPct: z.number(),
  state: z.enum(slaStates),
  breached: z.boolean(),
});

export const ticketSla = z.object({ policy: z.string(), response: slaFacts, resolution: slaFacts });

export const ticketEvent = z.object({
  id: z.number().int(),
  type: z.string(),
  actorId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type TicketEvent = z.infer<typeof ticketEvent>;

/** Links an agent adds by hand on any ticket. */
export const manualLinkKinds = ['duplicate-of', 'parent-of', 'child-of', 'related-to'] as const;
/** Every link a ticket can show: also `caused-by` (an incident's problem) and its other side, `causes`, added through the problem's API. */
export const ticketLinkKinds = [...manualLinkKinds, 'caused-by', 'causes'] as const;
export const ticketLink = z.object({ kind: z.enum(ticketLinkKinds), ticketId: z.number().int(), createdAt: z.string() });
export type TicketLink = z.infer<typeof ticketLink>;

export const attachmentInfo = z.object({
  id: z.number().int(),
  filename: z.string(),
  contentType: z.string().describe('Judged from the content, not from the name'),
  size: z.number().int(),
  internal: z.boolean().describe('Staff only; never shown to the requester'),
  createdAt: z.string(),
});
export type AttachmentInfo = z.infer<typeof attachmentInfo>;
