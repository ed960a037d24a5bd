/** A ticket and its history as the desk shows them: the API's and the repository's one shape. */
import { z } from 'zod';

export const ticket = z.object({
  id: z.number().int(),
  number: z.string().describe('What people quote, e.g. "INC-1042"'),
  workflowId: z.string(),
  workflowVersionId: z.number().int().describe('The workflow version the ticket was created under; it keeps it'),
  kind: z.string(),
  status: z.string(),
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
  createdAt: z.string(),
  updatedAt: z.string(),
  rowVersion: z.number().int().describe('Send it back with an update; a stale one gets 409'),
});
export type Ticket = z.infer<typeof ticket>;

export const ticketEvent = z.object({
  id: z.number().int(),
  type: z.string(),
  actorId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type TicketEvent = z.infer<typeof ticketEvent>;
