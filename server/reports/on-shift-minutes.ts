/**
 * How long a person was on duty in a period, read from a group's duty rota
 * the same way assignment reads it (engine/assignment/on-shift.ts): shifts in
 * the rota's wall clock, so daylight-saving days are an hour shorter or
 * longer, and an overnight shift runs into the next morning. Pure.
 */
import type { Rota } from '../engine/assignment/rota.schema.ts';
import { zonedToInstant } from '../engine/calendar/business-time.ts';
import { weekdays } from '../engine/calendar/calendar.schema.ts';

const day = 86_400_000;
const minute = 60_000;
const clockMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The local date (midnight UTC ms) of an instant in a zone. */
function localDateMs(at: number, timeZone: string): number {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(at)).map((x) => [x.type, x.value]),
  );
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day));
}

/** Every shift of the member that overlaps [start, end), as instants, clipped to the period. */
export function shiftIntervals(rota: Rota, memberEmail: string, start: Date, end: Date): [number, number][] {
  const email = memberEmail.toLowerCase();
  const shifts = rota.shifts.filter((s) => s.member.toLowerCase() === email);
  if (!shifts.length) return [];
  const out: [number, number][] = [];
  // A shift that started the evening before the period can still run into it.
  for (let date = localDateMs(start.getTime(), rota.timeZone) - day; date <= localDateMs(end.getTime(), rota.timeZone); date += day) {
    const weekday = weekdays[(new Date(date).getUTCDay() + 6) % 7]!;
    for (const shift of shifts) {
      if (!shift.days.includes(weekday)) continue;
      const from = clockMinutes(shift.from);
      const to = clockMinutes(shift.to);
      const a = zonedToInstant(date + from * minute, rota.timeZone);
      const b = zonedToInstant(date + (to > from ? to : to + 24 * 60) * minute, rota.timeZone);
      const lo = Math.max(a, start.getTime());
      const hi = Math.min(b, end.getTime());
      if (hi > lo) out.push([lo, hi]);
    }
  }
  return out;
}

/**
 * Minutes on shift in [start, end) across the given rotas (a person on two
 * groups' rotas at once counts each minute once); null when no rota lists
 * the person, so "no rota" is told apart from "never on shift".
 */
export function onShiftMinutes(rotas: readonly Rota[], memberEmail: string, start: Date, end: Date): number | null {
  const email = memberEmail.toLowerCase();
  const listing = rotas.filter((r) => r.shifts.some((s) => s.member.toLowerCase() === email));
  if (!listing.length) return null;
  const intervals = listing.flatMap((r) => shiftIntervals(r, email, start, end)).sort((x, y) => x[0] - y[0]);
  let total = 0;
  let [lo, hi] = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (const [a, b] of intervals) {
    if (a > hi) {
      if (hi > lo) total += hi - lo;
      [lo, hi] = [a, b];
    } else hi = Math.max(hi, b);
  }
  if (hi > lo) total += hi - lo;
  return Math.round(total / minute);
}
