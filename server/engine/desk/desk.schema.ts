/**
 * Desk-wide settings that workflows refer to: groups of support staff,
 * the queues they work, and SLA policies. Shipped in `workflows/desk.json`
 * and managed through the admin API.
 */
import { z } from 'zod';
import { assignmentStrategy, rota } from '../assignment/rota.schema.ts';
import { calendar } from '../calendar/calendar.schema.ts';
import { localisedText, priorities, slug } from '../workflow/workflow.schema.ts';

export const groupTiers = ['first-line', 'second-line', 'third-line'] as const;

export const group = z
  .object({
    id: slug,
    name: localisedText,
    tier: z.enum(groupTiers),
    rota: rota.optional().describe('Who is on shift when; without one every member counts as on shift'),
  })
  .strict();
export type Group = z.infer<typeof group>;

export const queue = z
  .object({
    id: slug,
    name: localisedText,
    group: slug.describe('The group whose members work this queue'),
    manager: z.email().optional().describe('Where hierarchical escalations and "queue.manager" notifications go'),
    assignment: assignmentStrategy
      .default('manual')
      .describe('How new and escalated tickets get an agent: "manual" (agents claim them), "round-robin" or "least-loaded" among the members on shift'),
  })
  .strict();
export type Queue = z.infer<typeof queue>;

const target = z
  .object({
    responseMinutes: z.number().int().positive(),
    resolutionMinutes: z.number().int().positive(),
  })
  .strict();

export const slaPolicy = z
  .object({
    id: slug,
    name: localisedText,
    calendar: z
      .union([z.literal('24x7'), slug])
      .default('24x7')
      .describe('The calendar whose opening hours the clocks count: "24x7" (every minute) or the id of a business calendar'),
    targets: z
      .object(Object.fromEntries(priorities.map((p) => [p, target])) as Record<(typeof priorities)[number], typeof target>)
      .strict()
      .describe('Response and resolution targets for every priority'),
    onReopen: z
      .enum(['continue', 'restart'])
      .default('continue')
      .describe('What a reopen does to the resolution clock: continue where it stood when resolved, or restart with the full target'),
    rearmEscalationsOn: z
      .array(z.enum(['reopen', 'resume']))
      .default(['reopen'])
      .describe('When escalation rules may fire again for a ticket: after it is reopened, and/or whenever its paused clocks run again (the requester replied)'),
  })
  .strict();
export type SlaPolicy = z.infer<typeof slaPolicy>;

export const deskSettings = z
  .object({
    $schema: z.string().optional(),
    calendars: z.array(calendar).default([]),
    groups: z.array(group).default([]),
    queues: z.array(queue).default([]),
    slaPolicies: z.array(slaPolicy).default([]),
  })
  .strict();
export type DeskSettings = z.output<typeof deskSettings>;
