/** What the approvals API takes and gives. */
import { z } from '@hono/zod-openapi';

export const decision = z
  .object({
    decision: z.enum(['approve', 'reject']),
    comment: z.string().max(5000).optional().describe('Why; the requester is told it when the request is rejected'),
  })
  .strict();
export type Decision = z.infer<typeof decision>;

export const approvalRequest = z.object({
  id: z.number().int().describe('The approval (one approver\'s vote on one step)'),
  step: z.string().describe('The approval step\'s id'),
  status: z.enum(['waiting', 'approved', 'rejected', 'closed']).describe('closed: the step was settled by others'),
  ticket: z.object({
    id: z.number().int(),
    number: z.string(),
    title: z.string(),
    workflow: z.string(),
    requester: z.string(),
    createdAt: z.string(),
  }),
  answers: z.array(z.object({ key: z.string(), label: z.string(), value: z.string() })).describe('What the requester asked for: the form\'s answers'),
});
export type ApprovalRequest = z.infer<typeof approvalRequest>;
