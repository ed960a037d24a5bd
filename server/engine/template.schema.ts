/** A notification template as admins edit it and the store keeps it. */
import { z } from 'zod';
import { maxTemplateLength } from './templates.ts';
import { localisedText } from './workflow/primitives.ts';

export const templateSource = z.object({
  subject: z.string().min(1).max(1000).describe('One line of Handlebars, e.g. "[{{ticket.number}}] {{ticket.title}}"'),
  body: z.string().max(maxTemplateLength).describe('Handlebars; the context is documented in docs/templates.md'),
});

export const storedTemplate = templateSource.extend({
  name: z.string(),
  locale: z.string(),
  origin: z.enum(['shipped', 'custom']).describe('"custom" templates are never replaced by shipped defaults'),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type StoredTemplate = z.infer<typeof storedTemplate>;

/**
 * The context every template is rendered with: the one definition the
 * engine's `TemplateContext` type, the admin's list of variables and
 * docs/templates.md follow. Each leaf's description is what the template
 * editor shows beside it. Timestamps are ISO 8601 strings in UTC.
 */
export const templateContext = z.object({
  ticket: z.object({
    id: z.number().int().nullable().describe('The ticket\'s number without its prefix, e.g. 1042 (empty in a simulation)'),
    number: z.string().describe('The ticket\'s reference, e.g. INC-1042'),
    title: z.string().describe('The ticket\'s title'),
    kind: z.string().describe('incident, request, …'),
    status: z.string().describe('The lifecycle state id, e.g. in-progress'),
    category: z.string().nullable().describe('The category the routing rules set, or empty'),
    priority: z.string().describe('P1 to P4'),
    queue: z.object({
      id: z.string().describe('The queue\'s id'),
      name: localisedText.describe('The queue\'s name, in the template\'s language'),
    }),
    fields: z.record(z.string(), z.unknown()).describe('A form answer (hidden fields dropped)'),
    createdAt: z.string().describe('When it was raised (a timestamp: show it with {{date …}})'),
    slaDue: z.object({
      response: z.string().nullable().describe('When the first response is due (a timestamp)'),
      resolution: z.string().nullable().describe('When the resolution is due (a timestamp)'),
    }),
  }),
  requester: z.object({
    name: z.string().describe('The person who raised the ticket'),
    email: z.string().describe('Their e-mail address'),
  }),
  assignee: z
    .object({
      name: z.string().describe('Who the ticket is assigned to after the change (empty when nobody)'),
      email: z.string().describe('The assignee\'s e-mail address'),
    })
    .nullable(),
  workflow: z.object({
    id: z.string().describe('The workflow\'s id'),
    name: localisedText.describe('The workflow\'s name, in the template\'s language'),
  }),
  sla: z.object({
    policy: z.string().describe('The SLA policy\'s id'),
    responseMinutes: z.number().describe('The response target in minutes (show it with {{duration …}})'),
    resolutionMinutes: z.number().describe('The resolution target in minutes'),
    responseDue: z.string().nullable().describe('When the first response is due (a timestamp)'),
    resolutionDue: z.string().nullable().describe('When the resolution is due (a timestamp)'),
  }),
  links: z.object({ ticket: z.string().describe('The ticket\'s page on the desk') }),
  desk: z.object({
    name: z.string().describe('The desk\'s name (DESK_NAME)'),
    url: z.string().describe('The desk\'s address (DESK_PUBLIC_URL)'),
  }),
  /** The public reply the message is about; internal notes never reach a template. */
  comment: z
    .object({
      body: z.string().describe('The public reply the message is about (reply events only)'),
      author: z.string().describe('Who wrote that reply'),
    })
    .nullable(),
  /** For escalation messages: where the ticket went and why. */
  escalation: z
    .object({
      kind: z.enum(['functional', 'hierarchical', 'rule']).describe('functional, hierarchical or rule (escalation events only)'),
      reason: z.string().describe('Why it was escalated'),
      fromQueue: z.string().describe('The queue it came from (English name)'),
      toQueue: z.string().describe('The queue it went to (English name)'),
    })
    .nullable(),
  resolution: z
    .object({
      code: z.string().describe('The resolution code, e.g. workaround (ticket.resolved only)'),
      notes: z.string().describe('The agent\'s resolution notes'),
    })
    .nullable(),
  reopenReason: z.string().nullable().describe('What the requester says is still wrong (ticket.reopened only)'),
  /** For approval messages: the step, the one-click link and, once decided, the answer. */
  approval: z
    .object({
      step: z.string().describe('The approval step\'s id, e.g. manager (approval messages only)'),
      link: z.string().describe('The approver\'s own one-click link to the decision page (approval-request and approval-reminder only)'),
      decision: z.string().nullable().describe('approved or rejected, once decided'),
      decidedBy: z.string().nullable().describe('Who decided'),
      comment: z.string().nullable().describe('What the approver wrote (the reason for a rejection)'),
    })
    .nullable(),
  satisfaction: z
    .object({
      rating: z.number().nullable().describe('The requester\'s 1–5 rating (ticket.closed only)'),
      comment: z.string().nullable().describe('The requester\'s comment when confirming'),
    })
    .nullable(),
});
export type TemplateContext = z.infer<typeof templateContext>;

/** Who one rendered copy is for; the engine adds it to the context as `recipient`. */
export const templateRecipient = z.object({
  name: z.string().describe('Who this copy is for (for plain addresses, the address)'),
  email: z.string().describe('Their e-mail address'),
  locale: z.string().describe('The language of the template actually used'),
  timeZone: z.string().describe('Their time zone (UTC when not known)'),
});
export type TemplateRecipient = z.infer<typeof templateRecipient>;

export const outboxMessage = z.object({
  id: z.number().int(),
  ticketId: z.number().int().nullable(),
  kind: z.enum(['mail', 'webhook']).describe('A mail (recipient is an address) or a webhook (recipient is a URL, text the JSON body)'),
  template: z.string(),
  locale: z.string(),
  recipient: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  status: z.enum(['pending', 'sent', 'failed']).describe('failed: could not be rendered, or delivery was given up (an admin can retry it)'),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable().describe('When a pending message is next tried'),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type OutboxMessage = z.infer<typeof outboxMessage>;
