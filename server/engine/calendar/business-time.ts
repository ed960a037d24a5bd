/**
 * Business-time arithmetic on a calendar: exact across daylight-saving
 * changes, midnight, weekends and holidays, and fast — it walks a day at a
 * time over the day's opening intervals, never minute by minute.
 * `null` stands for the built-in 24×7 calendar.
 */
import { weekdays, type Calendar } from './calendar.schema.ts';

const minute = 60_000;
const day = 86_400_000;
/** No target needs more than ten years of business days; a calendar with no opening hours never ends. */
const maxDays = 3660;

const formats = new Map<string, Intl.DateTimeFormat>();
function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** The wall-clock time in the zone at an instant, as if it were UTC (ms). */
function wallClock(instant: number, timeZone: string): number {
  const p = Object.fromEntries(partsFormat(timeZone).formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
}

/**
 * The instant at which the zone's clocks show this wall time. A time skipped
 * when clocks go forward is shifted forward by the gap; a time that happens
 * twice when they go back is taken at its second occurrence.
 */
export function zonedToInstant(wall: number, timeZone: string): number {
  const first = wall - (wallClock(wall, timeZone) - wall);
  const offset = wallClock(first, timeZone) - first;
  const second = wall - offset;
  if (wallClock(second, timeZone) === wall) return second;
  // The wall time does not exist (clocks went forward): the gap ends at the later offset's reading.
  return Math.max(first, second);
}

/** The local calendar date (as midnight UTC ms) of an instant in the zone. */
function localDate(instant: number, timeZone: string): number {
  const wall = wallClock(instant, timeZone);
  return wall - (((wall % day) + day) % day);
}

const isoDate = (dateMs: number) => new Date(dateMs).toISOString().slice(0, 10);

function isHoliday(cal: Calendar, dateMs: number): boolean {
  const date = isoDate(dateMs);
  return cal.holidays.some((h) => h.date === date || (h.yearly === true && h.date.slice(5) === date.slice(5)));
}

const clockMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The opening intervals of one local date, as instants, in order. */
export function openIntervals(cal: Calendar, dateMs: number): [number, number][] {
  if (isHoliday(cal, dateMs)) return [];
  const weekday = weekdays[(new Date(dateMs).getUTCDay() + 6) % 7]!;
  return [...cal.hours[weekday]]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([start, end]) => [
      zonedToInstant(dateMs + clockMinutes(start) * minute, cal.timeZone),
      zonedToInstant(dateMs + clockMinutes(end) * minute, cal.timeZone),
    ]);
}

/** Calls `visit` with each opening interval from the local day of `from` on, until it returns false. */
function eachInterval(cal: Calendar, from: number, visit: (start: number, end: number) => boolean): void {
  const first = localDate(from, cal.timeZone);
  for (let i = 0; i < maxDays; i++) {
    for (const [start, end] of openIntervals(cal, first + i * day)) {
      if (end <= from) continue;
      if (!visit(Math.max(start, from), end)) return;
    }
  }
  throw new Error(`the calendar "${cal.id}" has no opening hours in the next ${maxDays} days`);
}

/** The instant `minutes` business minutes after `from`. */
export function addBusinessMinutes(cal: Calendar | null, from: Date, minutes: number): Date {
  if (minutes <= 0) return new Date(from.getTime());
  if (!cal) return new Date(from.getTime() + minutes * minute);
  let remaining = minutes * minute;
  let due = from.getTime();
  eachInterval(cal, from.getTime(), (start, end) => {
    if (end - start >= remaining) {
      due = start + remaining;
      return false;
    }
    remaining -= end - start;
    return true;
  });
  return new Date(due);
}

/** Business minutes between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(cal: Calendar | null, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  if (!cal) return (b - a) / minute;
  let total = 0;
  try {
    eachInterval(cal, a, (start, end) => {
      if (start >= b) return false;
      total += Math.min(end, b) - start;
      return end < b;
    });
  } catch {
    // A calendar that never opens again counts nothing more.
  }
  return total / minute;
}
