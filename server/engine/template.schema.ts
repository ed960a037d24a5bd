/** A notification template as admins edit it and the store keeps it. */
import { z } from 'zod';
import { maxTemplateLength } from './templates.ts';

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
