/** Prepared answers (canned replies): a short name and a Handlebars text per language, desk-wide or for one group. */
import { z } from 'zod';
import { locales } from '../engine/people/people.schema.ts';

export const maxAnswerLength = 10_000;

export const preparedAnswerInput = z
  .object({
    name: z.string().trim().min(1).max(100).describe('What agents type after "/" to find it, e.g. "vpn reset"'),
    group: z.string().min(1).max(100).nullable().default(null).describe('The group whose members may use it; null for every agent'),
    texts: z
      .partialRecord(z.enum(locales), z.string().min(1).max(maxAnswerLength))
      .refine((t) => Object.keys(t).length > 0, 'needs at least one language')
      .describe('Handlebars text per language, with the ticket\'s variables as in notification templates ({{ticket.number}}, {{requester.name}}…)'),
  })
  .strict();
export type PreparedAnswerInput = z.infer<typeof preparedAnswerInput>;

export const preparedAnswer = z.object({
  id: z.number().int(),
  name: z.string(),
  group: z.string().nullable(),
  texts: z.partialRecord(z.enum(locales), z.string()),
  rowVersion: z.number().int(),
  updatedAt: z.string(),
});
export type PreparedAnswer = z.infer<typeof preparedAnswer>;
