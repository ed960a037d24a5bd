import { describe, expect, it, test } from 'vitest';
import { isOnShift } from './on-shift.ts';
import { assignmentStrategy, rota, type Rota } from './rota.schema.ts';

const at = (iso: string) => new Date(iso);
const londonRota = (shifts: unknown[]): Rota => rota.parse({ timeZone: 'Europe/London', shifts });

describe('isOnShift', () => {
  it('lets everyone work at any time when the group has no rota', () => {
    expect(isOnShift(undefined, 'anyone@example.com', at('2026-07-05T03:00:00Z'))).toBe(true);
  });

  it('keeps a member with no shift off shift once a rota exists', () => {
    const r = londonRota([{ member: 'sam@example.com', days: ['mon'], from: '00:00', to: '24:00' }]);
    expect(isOnShift(r, 'kim@example.com', at('2026-07-06T12:00:00Z'))).toBe(false);
    expect(isOnShift(londonRota([]), 'sam@example.com', at('2026-07-06T12:00:00Z'))).toBe(false);
  });

  it('compares e-mail addresses without regard to case', () => {
    const r = londonRota([{ member: 'Sam.Jones@Example.COM', days: ['mon'], from: '09:00', to: '17:00' }]);
    expect(isOnShift(r, 'sam.jones@example.com', at('2026-07-06T10:00:00Z'))).toBe(true);
    expect(isOnShift(r, 'SAM.JONES@EXAMPLE.COM', at('2026-07-06T10:00:00Z'))).toBe(true);
  });

  describe('a day shift (09:00–17:00 every day) across the Europe/London DST changes', () => {
    const r = londonRota([{ member: 'sam@example.com', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], from: '09:00', to: '17:00' }]);
    test.each([
      ['Sat 28 Mar 16:30 GMT, before clocks go forward', '2026-03-28T16:30:00Z', true],
      ['Sun 29 Mar 09:30 BST (08:30 UTC), after clocks go forward', '2026-03-29T08:30:00Z', true],
      ['Sun 29 Mar 17:30 BST (16:30 UTC)', '2026-03-29T16:30:00Z', false],
      ['Sat 24 Oct 09:30 BST (08:30 UTC), before clocks go back', '2026-10-24T08:30:00Z', true],
      ['Sat 24 Oct 17:30 BST (16:30 UTC)', '2026-10-24T16:30:00Z', false],
      ['Sun 25 Oct 08:30 GMT, after clocks go back', '2026-10-25T08:30:00Z', false],
      ['Sun 25 Oct 16:30 GMT', '2026-10-25T16:30:00Z', true],
      ['the start is inclusive: 09:00 BST', '2026-07-06T08:00:00Z', true],
      ['the end is exclusive: 17:00 BST', '2026-07-06T16:00:00Z', false],
    ])('%s', (_name, instant, expected) => {
      expect(isOnShift(r, 'sam@example.com', at(instant))).toBe(expected);
    });
  });

  describe('an overnight shift (fri 22:00–06:00)', () => {
    const r = londonRota([{ member: 'nina@example.com', days: ['fri'], from: '22:00', to: '06:00' }]);
    test.each([
      ['Friday 22:00', '2026-07-10T21:00:00Z', true],
      ['Friday 21:59', '2026-07-10T20:59:00Z', false],
      ['Saturday 03:00, the morning after the listed day', '2026-07-11T02:00:00Z', true],
      ['Saturday 06:00, the end', '2026-07-11T05:00:00Z', false],
      ['Monday 03:00', '2026-07-13T02:00:00Z', false],
      ['Friday 03:00, which belongs to a Thursday shift', '2026-07-10T02:00:00Z', false],
    ])('%s', (_name, instant, expected) => {
      expect(isOnShift(r, 'nina@example.com', at(instant))).toBe(expected);
    });
  });

  it('carries a Sunday night shift into Monday morning', () => {
    const r = londonRota([{ member: 'nina@example.com', days: ['sun'], from: '22:00', to: '06:00' }]);
    expect(isOnShift(r, 'nina@example.com', at('2026-07-13T02:00:00Z'))).toBe(true);
    expect(isOnShift(r, 'nina@example.com', at('2026-07-14T02:00:00Z'))).toBe(false);
  });

  it('ends an overnight shift at 06:00 local time on the nights the clocks change', () => {
    const r = londonRota([{ member: 'nina@example.com', days: ['sat'], from: '22:00', to: '06:00' }]);
    // Spring forward: the night is an hour shorter, 06:00 BST is 05:00 UTC.
    expect(isOnShift(r, 'nina@example.com', at('2026-03-29T04:30:00Z'))).toBe(true);
    expect(isOnShift(r, 'nina@example.com', at('2026-03-29T05:30:00Z'))).toBe(false);
    // Fall back: the night is an hour longer, and 01:30 happens twice.
    expect(isOnShift(r, 'nina@example.com', at('2026-10-25T00:30:00Z'))).toBe(true);
    expect(isOnShift(r, 'nina@example.com', at('2026-10-25T01:30:00Z'))).toBe(true);
    expect(isOnShift(r, 'nina@example.com', at('2026-10-25T05:30:00Z'))).toBe(true);
    expect(isOnShift(r, 'nina@example.com', at('2026-10-25T06:00:00Z'))).toBe(false);
  });

  it('treats a shift ending at "24:00" as ending at midnight, not running overnight', () => {
    const r = londonRota([{ member: 'sam@example.com', days: ['fri'], from: '18:00', to: '24:00' }]);
    expect(isOnShift(r, 'sam@example.com', at('2026-07-10T22:59:00Z'))).toBe(true);
    expect(isOnShift(r, 'sam@example.com', at('2026-07-10T23:00:00Z'))).toBe(false);
    expect(isOnShift(r, 'sam@example.com', at('2026-07-11T17:30:00Z'))).toBe(false);
  });

  it('reads the local date in the rota zone, not in UTC', () => {
    // 01:00 UTC on a Monday is still Sunday evening in New York.
    const r = rota.parse({ timeZone: 'America/New_York', shifts: [{ member: 'lee@example.com', days: ['sun'], from: '18:00', to: '23:00' }] });
    expect(isOnShift(r, 'lee@example.com', at('2026-07-13T01:00:00Z'))).toBe(true);
  });
});

describe('rota schema', () => {
  const paths = (input: unknown) => {
    const result = rota.safeParse(input);
    expect(result.success).toBe(false);
    return result.error!.issues.map((i) => i.path.join('.')).sort();
  };
  const shift = { member: 'sam@example.com', days: ['mon'], from: '09:00', to: '17:00' };

  it('accepts overnight shifts and "24:00" as an end', () => {
    expect(rota.safeParse({ timeZone: 'Europe/London', shifts: [shift, { ...shift, from: '22:00', to: '06:00' }, { ...shift, to: '24:00' }] }).success).toBe(true);
  });

  it('reports bad times, zones, days and addresses at their paths', () => {
    expect(paths({ timeZone: 'Mars/Olympus_Mons', shifts: [shift] })).toEqual(['timeZone']);
    expect(paths({ timeZone: 'Europe/London', shifts: [{ ...shift, from: '24:00', to: '25:00' }] })).toEqual(['shifts.0.from', 'shifts.0.to']);
    expect(paths({ timeZone: 'Europe/London', shifts: [shift, { ...shift, from: '9:00' }] })).toEqual(['shifts.1.from']);
    expect(paths({ timeZone: 'Europe/London', shifts: [{ ...shift, days: [] }] })).toEqual(['shifts.0.days']);
    expect(paths({ timeZone: 'Europe/London', shifts: [{ ...shift, days: ['mon', 'monday'] }] })).toEqual(['shifts.0.days.1']);
    expect(paths({ timeZone: 'Europe/London', shifts: [{ ...shift, member: 'sam' }] })).toEqual(['shifts.0.member']);
  });

  it('rejects unknown keys', () => {
    expect(paths({ timeZone: 'UTC', shifts: [{ ...shift, role: 'lead' }], note: 'x' })).toEqual(['', 'shifts.0']);
  });

  it('knows the assignment strategies', () => {
    expect(assignmentStrategy.options).toEqual(['manual', 'round-robin', 'least-loaded']);
    expect(assignmentStrategy.safeParse('random').success).toBe(false);
  });
});
