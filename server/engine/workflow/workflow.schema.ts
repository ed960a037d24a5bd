/**
 * The workflow definition format: the one schema an admin's JSON file, the
 * builder and the engine all share. The TypeScript types and
 * `workflows/workflow.schema.json` are derived from it, never restated.
 */
import { z } from 'zod';

import { localisedText, priority, rule, slug } from './primitives.ts';
import { defaultLifecycle, lifecycle, resolutionSettings } from './lifecycle.schema.ts';
import { attachmentPolicy } from './attachment-policy.ts';
import { approvalStep } from './approvals.schema.ts';

export { localisedText, priorities, priority, rule, slug, type LocalisedText, type Priority, type Rule } from './primitives.ts';

export const workflowKinds = ['incident', 'request', 'change', 'problem'] as const;

export const fieldTypes = [
  'text',
  'textarea',
  'number',
  'email',
  'date',
  'select',
  'multiselect',
  'checkbox',
  'user',
  'file',
] as const;
export type FieldType = (typeof fieldTypes)[number];

const option = z.union([
  z.string().min(1),
  z.object({ value: z.string().min(1), label: localisedText }),
]);
export type FieldOption = z.infer<typeof option>;

export const formField = z
  .object({
    key: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'a field key is letters, digits and underscores, not starting with a digit'),
    type: z.enum(fieldTypes),
    label: localisedText.optional(),
    help: localisedText.optional(),
    required: z.boolean().optional(),
    options: z.array(option).min(1).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    maxLength: z.number().int().positive().optional(),
    pattern: z.string().optional(),
    default: z.unknown().optional(),
    visibleWhen: rule.optional(),
  })
  .strict();
export type FormField = z.infer<typeof formField>;

export const categoriseRule = z
  .object({
    when: rule,
    set: z
      .object({
        category: z.string().min(1).optional(),
        queue: slug.optional(),
        priority: priority.optional(),
      })
      .strict(),
    continue: z.boolean().optional(),
  })
  .strict();

export const recipient = z
  .string()
  .min(1)
  .describe('"requester", "assignee", "queue" (its group\'s members), "queue.manager", or an e-mail address');

export const notifyAction = z
  .object({ template: slug, to: z.array(recipient).min(1) })
  .strict();

export const escalationAction = z.union([
  z.object({ notify: notifyAction }).strict(),
  z.object({ setQueue: slug }).strict(),
  z.object({ setPriority: priority }).strict(),
  z.object({ assign: z.email().describe("A member of the ticket's queue") }).strict(),
  z.object({ note: z.string().trim().min(1).max(10_000).describe('An internal note added to the ticket (requesters never see it)') }).strict(),
  z
    .object({
      webhook: z
        .object({ url: z.url({ protocol: /^https?$/ }).describe('Receives a signed JSON POST about the ticket') })
        .strict(),
    })
    .strict(),
]);

/** When a timed escalation level fires: a share of the clock's target, or business minutes around its due time. */
export const escalationTrigger = z
  .object({
    clock: z.enum(['response', 'resolution']),
    percent: z.number().positive().max(1000).optional().describe('Fires when the clock has run this share of its target, e.g. 80'),
    offsetMinutes: z
      .number()
      .int()
      .min(-525_600)
      .max(525_600)
      .optional()
      .describe('Fires this many business minutes after the due time (negative: before it); 0 or absent: at the due time'),
  })
  .strict();

export const escalationRule = z
  .object({
    id: slug.optional().describe('Names the rule in the ticket history; firings are remembered by it (default: its position)'),
    at: escalationTrigger.optional().describe('A timed level; without it the rule is checked whenever the ticket changes and at its SLA warning and due moments'),
    when: rule.optional().describe('Criteria over ticket.*, fields.*, requester.* and sla.*; default true'),
    do: z.array(escalationAction).min(1),
  })
  .strict();
export type EscalationRule = z.output<typeof escalationRule>;

/** What a notification rule can be sent on; see docs/workflows.md for each event's template context. */
export const notificationEvents = [
  'ticket.created',
  'ticket.assigned',
  'escalation.functional',
  'escalation.hierarchical',
  'reply.public',
  'reply.requester',
  'ticket.resolved',
  'ticket.reopened',
  'ticket.closed',
] as const;
export type NotificationEvent = (typeof notificationEvents)[number];

export const notificationRule = z
  .object({
    on: z.enum(notificationEvents),
    template: slug,
    to: z.array(recipient).min(1),
  })
  .strict();

export const workflowDefinition = z
  .object({
    $schema: z.string().optional(),
    id: slug,
    name: localisedText,
    description: localisedText.optional(),
    kind: z.enum(workflowKinds),
    audience: z.array(z.enum(['requester', 'agent', 'specialist', 'manager', 'admin'])).min(1).default(['requester']),
    titleField: z
      .string()
      .optional()
      .describe('The form field whose value becomes the ticket title (default "summary")'),
    form: z.object({ fields: z.array(formField).min(1) }).strict(),
    priority: z
      .object({
        impactField: z.string().default('impact'),
        urgencyField: z.string().default('urgency'),
        matrix: z
          .record(z.string(), z.record(z.string(), priority))
          .default({})
          .describe('impact value → urgency value → priority; "*" matches any value'),
        default: priority,
      })
      .strict(),
    categorise: z.array(categoriseRule).default([]),
    defaultQueue: slug.optional().describe('The queue when no categorise rule sets one'),
    sla: slug,
    escalations: z.array(escalationRule).default([]),
    approvals: z
      .array(approvalStep)
      .default([])
      .describe('Steps that must be approved, in order, before the ticket is worked; it waits in a "pending-approval" state meanwhile'),
    lifecycle: lifecycle
      .optional()
      .describe('States and transitions; without one the default lifecycle applies (new, open, pending, resolved, closed)')
      // Published so editors (and the builder's "Customise the lifecycle") start from the default, never a restated copy.
      .meta({ default: defaultLifecycle }),
    resolution: resolutionSettings.prefault({}),
    attachments: attachmentPolicy.prefault({}).describe('What files may be attached to this workflow\'s forms, replies and notes'),
    escalateTo: z
      .array(slug)
      .default([])
      .describe('The queues an agent may escalate this workflow\'s tickets to (functional escalation to second line)'),
    secondLine: z
      .record(slug, slug)
      .default({})
      .describe('Per category, the second-line queue offered first when an agent escalates a ticket of that category (one of escalateTo)'),
    notifications: z.array(notificationRule).default([]),
    suggestKnowledge: z
      .boolean()
      .default(true)
      .describe('Whether the portal form suggests matching public knowledge articles while the requester types its summary'),
  })
  .strict();

/** A workflow as written by an admin (defaults not yet applied). */
export type WorkflowInput = z.input<typeof workflowDefinition>;
/** A workflow after parsing: defaults applied. */
export type WorkflowDefinition = z.output<typeof workflowDefinition>;
