/**
 * A business calendar: the hours a support team works in its own time zone,
 * and the days it does not. SLA clocks count only these minutes.
 */
import { z } from 'zod';
import { localisedText, slug } from '../workflow/workflow.schema.ts';

const clockPattern = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const clockTime = z.string().regex(clockPattern, 'a time like "09:00" (use "24:00" for midnight at the end of a day)');

const interval = z
  .tuple([clockTime, clockTime])
  // Only judged when both times are well formed; a bad time has its own message.
  .refine(([start, end]) => !clockPattern.test(start) || !clockPattern.test(end) || start < end, 'an interval must end after it starts')
  .describe('Opening hours like ["09:00", "12:30"]');

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone like "Europe/London"');

export const calendar = z
  .object({
    id: slug,
    name: localisedText,
    timeZone,
    hours: z
      .object(Object.fromEntries(weekdays.map((d) => [d, z.array(interval).default([])])) as Record<(typeof weekdays)[number], z.ZodDefault<z.ZodArray<typeof interval>>>)
      .strict()
      .describe('Opening hours per weekday; a day with none is closed'),
    holidays: z
      .array(
        z
          .object({
            date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like "2026-12-25"'),
            name: z.string().optional(),
            yearly: z.boolean().optional().describe('The same month and day every year'),
          })
          .strict(),
      )
      .default([]),
  })
  .strict()
  .superRefine((cal, ctx) => {
    for (const day of weekdays) {
      const sorted = [...cal.hours[day]].sort((a, b) => (a[0] < b[0] ? -1 : 1));
      for (let i = 1; i < sorted.length; i++) {
        if (sorted[i]![0] < sorted[i - 1]![1]) ctx.addIssue({ code: 'custom', path: ['hours', day], message: 'opening hours overlap' });
      }
    }
  });
export type Calendar = z.output<typeof calendar>;
