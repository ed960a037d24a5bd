/**
 * Whether a person is on duty at an instant, read from the wall clock in the
 * rota's zone so that shifts keep their local hours across daylight-saving
 * changes.
 */
import { weekdays } from '../calendar/calendar.schema.ts';
import type { Rota } from './rota.schema.ts';

const formats = new Map<string, Intl.DateTimeFormat>();
function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    formats.set(timeZone, format);
  }
  return format;
}

/** The local weekday index (0 = mon) and minute of the day at an instant. */
function localTime(at: Date, timeZone: string): { weekday: number; minute: number } {
  const p = Object.fromEntries(partsFormat(timeZone).formatToParts(at).map((x) => [x.type, x.value]));
  // Going through the date rather than a `weekday` part avoids depending on locale names.
  const date = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day));
  return { weekday: (new Date(date).getUTCDay() + 6) % 7, minute: Number(p.hour) * 60 + Number(p.minute) };
}

const clockMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function isOnShift(rota: Rota | undefined, memberEmail: string, at: Date): boolean {
  if (!rota) return true;
  const email = memberEmail.toLowerCase();
  const { weekday, minute } = localTime(at, rota.timeZone);
  const today = weekdays[weekday]!;
  const yesterday = weekdays[(weekday + 6) % 7]!;
  return rota.shifts.some((shift) => {
    if (shift.member.toLowerCase() !== email) return false;
    const from = clockMinutes(shift.from);
    const to = clockMinutes(shift.to);
    if (to > from) return shift.days.includes(today) && minute >= from && minute < to;
    // Overnight: the evening belongs to the listed day, the early hours to the day after it.
    return (shift.days.includes(today) && minute >= from) || (shift.days.includes(yesterday) && minute < to);
  });
}
