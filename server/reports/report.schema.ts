/**
 * What a report is asked for (period, filters, time zone, format) and the
 * tables it answers with. Every report is one table: named columns and rows
 * of plain values, so its CSV download is exactly its JSON.
 */
import { z } from '@hono/zod-openapi';
import { timeZoneName } from '../engine/people/people.schema.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-31').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'is not a real date');
const id = z.string().trim().min(1).max(200);

/** The longest period a report covers. */
export const maxPeriodDays = 5 * 366;

export const reportQuery = z
  .strictObject({
    from: isoDate.optional().describe('First day of the period (in the time zone), inclusive; default 29 days before `to`'),
    to: isoDate.optional().describe('Last day of the period, inclusive; default today'),
    timeZone: timeZoneName.optional().describe("The days' time zone; default the viewer's own"),
    queue: id.optional(),
    group: id.optional().describe("Tickets in the group's queues"),
    agent: id.optional().describe('Tickets assigned to this person (user id)'),
    workflow: id.optional(),
    priority: z.enum(['P1', 'P2', 'P3', 'P4']).optional(),
    format: z.enum(['json', 'csv']).optional().describe('csv: the same table as a download'),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    if (q.from && q.to && (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 + 1 > maxPeriodDays) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'the period may be at most 5 years' });
    }
  });
export type ReportQuery = z.infer<typeof reportQuery>;

export type Cell = string | number | null;

export const reportTable = z.object({
  report: z.string(),
  period: z.object({ from: z.string(), to: z.string(), timeZone: z.string() }),
  filters: z.record(z.string(), z.string()),
  columns: z.array(z.string()),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
});
export type ReportTable = z.infer<typeof reportTable>;

/** The reports, by URL name. */
export const reportNames = ['volume', 'backlog', 'today', 'sla', 'times', 'quality', 'agents', 'satisfaction', 'comments', 'complaints', 'deflections'] as const;
export type ReportName = (typeof reportNames)[number];
