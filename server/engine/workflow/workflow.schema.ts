/**
 * The workflow definition format: the one schema an admin's JSON file, the
 * builder and the engine all share. The TypeScript types and
 * `workflows/workflow.schema.json` are derived from it, never restated.
 */
import { z } from 'zod';

/** A slug an admin chooses for a workflow, queue, template or policy. */
export const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'use lower-case letters, digits and dashes (e.g. "first-line")');

/** Text shown to people, per locale; `en` is the fallback and is required. */
export const localisedText = z
  .object({ en: z.string().min(1) })
  .catchall(z.string())
  .describe('Text per locale, e.g. { "en": "Laptop", "cy": "Gliniadur" }; "en" is required');
export type LocalisedText = z.infer<typeof localisedText>;

export const priorities = ['P1', 'P2', 'P3', 'P4'] as const;
export const priority = z.enum(priorities);
export type Priority = z.infer<typeof priority>;

export const workflowKinds = ['incident', 'request', 'change', 'problem'] as const;

/** A json-logic rule. Its shape is checked by the rules module (operator allow-list, var paths). */
export const rule = z
  .union([z.boolean(), z.record(z.string(), z.unknown())])
  .describe('A json-logic rule, e.g. { "==": [{ "var": "fields.service" }, "vpn"] }, or true');
export type Rule = z.infer<typeof rule>;

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

export const notificationEvents = ['ticket.created', 'ticket.resolved'] as const;

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
    notifications: z.array(notificationRule).default([]),
  })
  .strict();

/** A workflow as written by an admin (defaults not yet applied). */
export type WorkflowInput = z.input<typeof workflowDefinition>;
/** A workflow after parsing: defaults applied. */
export type WorkflowDefinition = z.output<typeof workflowDefinition>;
