/**
 * The workflow definition format: the one schema an admin's JSON file, the
 * builder and the engine all share. The TypeScript types and
 * `workflows/workflow.schema.json` are derived from it, never restated.
 */
import { z } from 'zod';

import { localisedText, priority, rule, slug } from './primitives.ts';
import { lifecycle, resolutionSettings } from './lifecycle.schema.ts';
import { attachmentPolicy } from './attachment-policy.ts';

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
]);

export const escalationRule = z
  .object({ when: rule, do: z.array(escalationAction).min(1) })
  .strict();

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
    lifecycle: lifecycle.optional().describe('States and transitions; without one the default lifecycle applies (new, open, pending, resolved, closed)'),
    resolution: resolutionSettings.prefault({}),
    attachments: attachmentPolicy.prefault({}).describe('What files may be attached to this workflow\'s forms, replies and notes'),
    escalateTo: z
      .array(slug)
      .default([])
      .describe('The queues an agent may escalate this workflow\'s tickets to (functional escalation to second line)'),
    notifications: z.array(notificationRule).default([]),
  })
  .strict();

/** A workflow as written by an admin (defaults not yet applied). */
export type WorkflowInput = z.input<typeof workflowDefinition>;
/** A workflow after parsing: defaults applied. */
export type WorkflowDefinition = z.output<typeof workflowDefinition>;
