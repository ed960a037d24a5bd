import { describe, expect, it, test } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween, zonedToInstant } from './business-time.ts';
import { calendar, type Calendar } from './calendar.schema.ts';

const weekdaysOnly = (hours: [string, string][]) => ({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours });

const london: Calendar = calendar.parse({
  id: 'london',
  name: { en: 'London office' },
  timeZone: 'Europe/London',
  hours: weekdaysOnly([['09:00', '17:00']]),
  holidays: [{ date: '2026-08-31', name: 'Summer bank holiday' }, { date: '2026-12-25', name: 'Christmas Day', yearly: true }],
});

const londonEveryDay: Calendar = calendar.parse({
  id: 'london-7',
  name: { en: 'London, every day' },
  timeZone: 'Europe/London',
  hours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['09:00', '17:00']]])),
});

const shanghai: Calendar = calendar.parse({
  id: 'shanghai',
  name: { en: 'Shanghai office' },
  timeZone: 'Asia/Shanghai',
  hours: weekdaysOnly([['09:00', '12:00'], ['13:30', '18:00']]),
});

const at = (iso: string) => new Date(iso);

describe('addBusinessMinutes', () => {
  test.each([
    ['spring forward: Saturday 16:00 GMT + 2 h → Sunday 10:00 BST', londonEveryDay, '2026-03-28T16:00:00Z', 120, '2026-03-29T09:00:00.000Z'],
    ['fall back: Saturday 16:00 BST + 2 h → Sunday 10:00 GMT', londonEveryDay, '2026-10-24T15:00:00Z', 120, '2026-10-25T10:00:00.000Z'],
    ['a holiday on a Monday is skipped: Friday 16:30 BST + 2 h → Tuesday 10:30 BST', london, '2026-08-28T15:30:00Z', 120, '2026-09-01T09:30:00.000Z'],
    ['hours split over lunch, across a weekend (Shanghai)', shanghai, '2026-11-20T09:00:00Z', 180, '2026-11-23T03:00:00.000Z'],
    ['a start during lunch waits for the afternoon', shanghai, '2026-11-23T04:30:00Z', 30, '2026-11-23T06:00:00.000Z'],
    ['40 business hours span a weekend', london, '2026-11-18T13:00:00Z', 40 * 60, '2026-11-25T13:00:00.000Z'],
    ['a start before opening counts from opening', london, '2026-11-23T06:00:00Z', 60, '2026-11-23T10:00:00.000Z'],
    ['a start after closing counts from the next opening', london, '2026-11-23T18:00:00Z', 30, '2026-11-24T09:30:00.000Z'],
    ['ending exactly at closing time stays on that day', london, '2026-11-23T16:00:00Z', 60, '2026-11-23T17:00:00.000Z'],
    ['a yearly holiday repeats (Christmas 2027 is a Saturday, Boxing Day not a holiday here)', london, '2027-12-24T16:00:00Z', 120, '2027-12-27T10:00:00.000Z'],
    ['Christmas Day on a Friday is closed', london, '2026-12-24T16:30:00Z', 60, '2026-12-28T09:30:00.000Z'],
  ])('%s', (_name, cal, start, minutes, due) => {
    expect(addBusinessMinutes(cal, at(start), minutes).toISOString()).toBe(due);
  });

  it('counts every minute on the 24×7 calendar', () => {
    expect(addBusinessMinutes(null, at('2026-03-29T00:30:00Z'), 90).toISOString()).toBe('2026-03-29T02:00:00.000Z');
  });

  it('returns the start for zero minutes', () => {
    expect(addBusinessMinutes(london, at('2026-11-22T12:00:00Z'), 0).toISOString()).toBe('2026-11-22T12:00:00.000Z');
  });

  it('adds a year of business hours by walking days, not minutes', () => {
    const due = addBusinessMinutes(london, at('2026-01-05T09:00:00Z'), 250 * 8 * 60);
    expect(due.getTime()).toBeGreaterThan(at('2026-12-01T00:00:00Z').getTime());
    expect(businessMinutesBetween(london, at('2026-01-05T09:00:00Z'), due)).toBe(250 * 8 * 60);
  });

  it('refuses a calendar that never opens', () => {
    const closed = calendar.parse({ id: 'closed', name: { en: 'Closed' }, timeZone: 'UTC', hours: {} });
    expect(() => addBusinessMinutes(closed, at('2026-11-22T12:00:00Z'), 1)).toThrow(/has no opening hours/);
  });
});

describe('businessMinutesBetween', () => {
  test.each([
    ['within one interval', shanghai, '2026-11-23T01:00:00Z', '2026-11-23T02:00:00Z', 60],
    ['across lunch', shanghai, '2026-11-23T03:00:00Z', '2026-11-23T06:00:00Z', 90],
    ['over a weekend', london, '2026-11-20T16:00:00Z', '2026-11-23T10:00:00Z', 120],
    ['over the spring-forward night', londonEveryDay, '2026-03-28T16:00:00Z', '2026-03-29T09:00:00Z', 120],
    ['backwards is zero', london, '2026-11-23T10:00:00Z', '2026-11-23T09:00:00Z', 0],
  ])('%s', (_name, cal, from, to, minutes) => {
    expect(businessMinutesBetween(cal, at(from), at(to))).toBe(minutes);
  });

  test.each([1, 59, 480, 2400, 10_000])('is the inverse of addBusinessMinutes (%i minutes)', (minutes) => {
    for (const cal of [london, shanghai, londonEveryDay]) {
      const start = at('2026-03-27T11:17:00Z');
      expect(businessMinutesBetween(cal, start, addBusinessMinutes(cal, start, minutes))).toBe(minutes);
    }
  });
});

describe('zonedToInstant', () => {
  const wall = (iso: string) => Date.parse(`${iso}Z`);
  it('maps ordinary local times', () => {
    expect(new Date(zonedToInstant(wall('2026-07-01T09:00:00'), 'Europe/London')).toISOString()).toBe('2026-07-01T08:00:00.000Z');
    expect(new Date(zonedToInstant(wall('2026-07-01T09:00:00'), 'Asia/Shanghai')).toISOString()).toBe('2026-07-01T01:00:00.000Z');
  });
  it('shifts a time skipped by spring-forward by the gap', () => {
    expect(new Date(zonedToInstant(wall('2026-03-29T01:30:00'), 'Europe/London')).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });
  it('takes the second occurrence of a time repeated by fall-back', () => {
    expect(new Date(zonedToInstant(wall('2026-10-25T01:30:00'), 'Europe/London')).toISOString()).toBe('2026-10-25T01:30:00.000Z');
  });
});

describe('calendar', () => {
  it('refuses overlapping hours, a bad time zone and a bad time, by path', () => {
    const result = calendar.safeParse({
      id: 'bad',
      name: { en: 'Bad' },
      timeZone: 'Mars/Olympus',
      hours: { mon: [['09:00', '13:00'], ['12:00', '17:00']], tue: [['9am', '17:00']] },
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['hours.mon', 'hours.tue.0.0', 'timeZone']);
  });
  it('says why each one is wrong', () => {
    const result = calendar.safeParse({ id: 'x', name: { en: 'X' }, timeZone: 'UTC', hours: { mon: [['09:00', '13:00'], ['12:00', '17:00']], wed: [['17:00', '09:00']] } });
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['hours.wed.0', 'an interval must end after it starts'],
      ['hours.mon', 'opening hours overlap'],
    ]);
  });
});
