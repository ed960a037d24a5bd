/**
 * A support group's duty rota: who is on shift when, in the group's own time
 * zone. Assignment only hands tickets to people on shift, so nobody gets work
 * while asleep or on a day off.
 */
import { z } from 'zod';
import { weekdays } from '../calendar/calendar.schema.ts';

const fromPattern = /^([01]\d|2[0-3]):[0-5]\d$/;
// "24:00" lets a shift end at midnight without reading as an overnight shift.
const toPattern = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

// calendar.schema.ts keeps its zone schema private; this is the same check.
const timeZone = z
  .string()
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone like "Europe/London"')
  .describe('The time zone the shift times are read in, like "Europe/London"; shifts follow its daylight-saving changes');

const shift = z
  .object({
    member: z.email('an e-mail address like "sam@example.com"').describe("The e-mail address of the person on duty (capital letters don't matter)"),
    days: z
      .array(z.enum(weekdays))
      .min(1, 'list at least one day')
      .describe('The days the shift starts on; an overnight shift counts on the next morning too'),
    from: z.string().regex(fromPattern, 'a time like "09:00"').describe('When the shift starts, like "09:00"'),
    to: z
      .string()
      .regex(toPattern, 'a time like "17:00" (use "24:00" for midnight at the end of a day)')
      .describe('When the shift ends, like "17:00"; a time not after the start means the shift runs overnight into the next day, so "22:00"–"06:00" on Friday covers Friday night until Saturday 06:00'),
  })
  .strict()
  .describe('One recurring shift of one person');

export const rota = z
  .object({
    timeZone,
    shifts: z.array(shift).describe('Everyone on the rota and when they work; a member with no shift here is never on shift'),
  })
  .strict()
  .describe("The group's duty rota; a group without one lets every member take tickets at any time");
export type Rota = z.output<typeof rota>;

export const assignmentStrategies = ['manual', 'round-robin', 'least-loaded'] as const;
export const assignmentStrategy = z
  .enum(assignmentStrategies)
  .describe('How new tickets get an assignee: "manual" leaves them unassigned, "round-robin" takes turns, "least-loaded" picks whoever has the fewest open tickets');
export type AssignmentStrategy = z.output<typeof assignmentStrategy>;
