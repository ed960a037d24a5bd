/**
 * Problems and known errors as the API speaks of them (issue 15). One schema
 * per concept; the routes' validation, types and documentation come from these.
 */
import { z } from 'zod';
import { locales } from '../engine/people/people.schema.ts';
import { slug } from '../engine/workflow/workflow.schema.ts';

export const knownErrorStatuses = ['published', 'retired'] as const;
export type KnownErrorStatus = (typeof knownErrorStatuses)[number];

const text = (max: number) => z.string().trim().min(1).max(max);

export const knownErrorText = z
  .object({
    symptom: text(2000).describe('What people notice, in their words: incidents whose text has these words are offered this known error'),
    workaround: text(10000).describe('What gets the person working again; "Apply workaround" sends it as a reply'),
    rootCause: text(10000).describe('Why it happens; staff only, never shown to requesters'),
  })
  .strict();
export type KnownErrorText = z.infer<typeof knownErrorText>;

const translations = z
  .partialRecord(z.enum(locales), knownErrorText)
  .refine((t) => Object.keys(t).length > 0, 'needs at least one language')
  .describe('Per language; agents read theirs, else English, else the first there is');

const rowVersion = z.number().int().positive().describe('The version last read (`rowVersion`); a stale one is 409');

export const knownErrorInput = z
  .object({
    service: slug.nullable().default(null).describe('The value of an incident\'s `service` field this known error is about, e.g. "vpn"; null: matched by symptom words only'),
    status: z.enum(knownErrorStatuses).default('published').describe('published (agents are offered it) or retired (kept, no longer offered)'),
    translations,
    rowVersion: rowVersion.optional().describe('Required when the problem already has a known error: the version last read; a stale one is 409'),
  })
  .strict();
export type KnownErrorInput = z.infer<typeof knownErrorInput>;

const person = z.object({ id: z.string(), name: z.string() }).nullable();

export const knownError = z.object({
  id: z.number().int(),
  problem: z.object({ id: z.number().int(), number: z.string(), title: z.string(), statusClass: z.string() }),
  service: z.string().nullable(),
  status: z.enum(knownErrorStatuses),
  rowVersion: z.number().int(),
  translations: z.partialRecord(z.enum(locales), knownErrorText),
  createdAt: z.string(),
  createdBy: person,
  updatedAt: z.string(),
  updatedBy: person,
});
export type KnownError = z.infer<typeof knownError>;

export const knownErrorMatch = knownError.extend({
  locale: z.string().describe("The language picked for the reader: theirs, else English, else the first there is"),
  matchedBy: z.array(z.enum(['linked', 'service', 'symptom'])).describe('Why it is offered: the incident is linked to the problem, has its service, or has its symptom words'),
  applied: z.boolean().describe('Its workaround was already applied on this ticket'),
});
export type KnownErrorMatch = z.infer<typeof knownErrorMatch>;

export const linkedIncident = z.object({
  id: z.number().int(),
  number: z.string(),
  title: z.string(),
  status: z.string(),
  statusClass: z.string(),
  linkedAt: z.string(),
});
export type LinkedIncident = z.infer<typeof linkedIncident>;

export const applyInput = z
  .object({
    body: text(20000).optional().describe('The reply as the agent edited it; default: the workaround in the requester\'s language'),
    version: z.number().int().positive().optional().describe('The ticket version last seen; a stale one is 409'),
  })
  .strict();

export const resolveInput = z
  .object({
    code: z.string().min(1).optional().describe("A resolution code of the problem's workflow (default: its first)"),
    notes: text(20000).describe('What was fixed: the problem\'s resolution notes'),
    incidents: z
      .object({
        message: text(20000).describe('The one reply every open linked incident\'s requester gets; also its resolution notes'),
        code: z.string().min(1).optional().describe("A resolution code each incident's workflow knows (default: each one's first)"),
      })
      .strict()
      .optional()
      .describe('Also resolve every open linked incident with this message, all in the same transaction'),
    version: z.number().int().positive().optional().describe('The problem ticket\'s version last seen; a stale one is 409'),
  })
  .strict();
export type ResolveInput = z.infer<typeof resolveInput>;
