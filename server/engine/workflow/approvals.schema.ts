/**
 * Approval steps: who must say yes before the desk works a ticket, how many
 * of them, on which condition, and what happens when nobody answers in time.
 * Part of the workflow format (`approvals`), checked at publish with paths.
 */
import { z } from 'zod';
import { rule, slug } from './primitives.ts';

export const approvers = z.union([
  z
    .object({
      manager: z
        .string()
        .min(1)
        .describe('"requester" (the manager on the requester\'s account) or the key of an email or user field holding the manager'),
    })
    .strict(),
  z.object({ group: slug.describe('Every member of this support group') }).strict(),
  z.object({ person: z.email().describe('One fixed person, by the e-mail address of their account') }).strict(),
  z
    .object({
      choose: rule.describe('json-logic returning an e-mail address or a list of them, e.g. an "if" over fields.cost'),
    })
    .strict(),
]);
export type Approvers = z.infer<typeof approvers>;

export const approvalTimeout = z
  .object({
    businessHours: z.number().positive().max(8760).describe('Business hours (on the SLA policy\'s calendar) the approvers have'),
    then: z.enum(['escalate', 'reject', 'remind']).describe('escalate: the queue\'s manager is asked too; reject: the request is refused; remind: the approvers are reminded again'),
    remindEveryHours: z
      .number()
      .positive()
      .max(8760)
      .optional()
      .describe('Remind the approvers who have not answered every this many business hours until the timeout'),
  })
  .strict();
export type ApprovalTimeout = z.infer<typeof approvalTimeout>;

export const approvalStep = z
  .object({
    id: slug.describe('Names the step in the history and in its mail links'),
    when: rule.optional().describe('Only ask when this holds (fields.*, ticket.*, requester.*); default true'),
    approvers,
    need: z
      .union([z.enum(['any', 'all']), z.number().int().positive()])
      .default('any')
      .describe('"any" (one yes is enough), "all", or how many yeses; one no refuses the step when the rest can no longer reach it'),
    timeout: approvalTimeout.optional(),
  })
  .strict();
export type ApprovalStep = z.output<typeof approvalStep>;
