/** A report's period: local days in a time zone, as UTC instants the store compares with. */
import { zonedToInstant } from '../engine/calendar/business-time.ts';

const day = 86_400_000;

export interface Period {
  from: string;
  to: string;
  timeZone: string;
  /** Each local day: its date and the UTC instants it starts and ends at. */
  days: { date: string; start: string; end: string }[];
  start: string;
  end: string;
}

/** The local date of an instant in a zone. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

const midnight = (date: string, timeZone: string) => new Date(zonedToInstant(Date.parse(`${date}T00:00:00Z`), timeZone)).toISOString();

/** `from`/`to` default to the 30 days ending today in the zone. */
export function period(input: { from?: string | undefined; to?: string | undefined; timeZone: string }, now: Date): Period {
  const to = input.to ?? localDate(now, input.timeZone);
  const from = input.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 29 * day).toISOString().slice(0, 10);
  const days: Period['days'] = [];
  for (let d = Date.parse(`${from}T00:00:00Z`); d <= Date.parse(`${to}T00:00:00Z`); d += day) {
    const date = new Date(d).toISOString().slice(0, 10);
    const next = new Date(d + day).toISOString().slice(0, 10);
    days.push({ date, start: midnight(date, input.timeZone), end: midnight(next, input.timeZone) });
  }
  return { from, to, timeZone: input.timeZone, days, start: days[0]!.start, end: days[days.length - 1]!.end };
}
