import { describe, expect, it } from 'vitest';
import type { Rota } from '../engine/assignment/rota.schema.ts';
import { onShiftMinutes } from './on-shift-minutes.ts';

const weekdaysOnly: Rota = { timeZone: 'Europe/London', shifts: [{ member: 'Sam@example.com', days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }] };
const at = (iso: string) => new Date(iso);

describe('onShiftMinutes', () => {
  it('adds up the rota shifts inside the period, weekends off', () => {
    // 21–31 December 2026: nine weekdays of eight hours.
    expect(onShiftMinutes([weekdaysOnly], 'sam@example.com', at('2026-12-21T00:00:00Z'), at('2027-01-01T00:00:00Z'))).toBe(9 * 8 * 60);
    // The period cuts a shift: Monday from 15:00 only.
    expect(onShiftMinutes([weekdaysOnly], 'sam@example.com', at('2026-12-21T15:00:00Z'), at('2026-12-22T00:00:00Z'))).toBe(120);
  });

  it('counts an overnight shift into the next morning, and a shift end at 24:00', () => {
    const nights: Rota = { timeZone: 'Europe/London', shifts: [{ member: 'sam@example.com', days: ['fri'], from: '22:00', to: '06:00' }, { member: 'sam@example.com', days: ['sun'], from: '20:00', to: '24:00' }] };
    // Saturday 26th and Sunday 27th: Friday night's last six hours, and Sunday 20:00–24:00.
    expect(onShiftMinutes([nights], 'sam@example.com', at('2026-12-26T00:00:00Z'), at('2026-12-28T00:00:00Z'))).toBe(6 * 60 + 4 * 60);
  });

  it('follows the rota zone across a daylight-saving change', () => {
    const sundays: Rota = { timeZone: 'Europe/London', shifts: [{ member: 'sam@example.com', days: ['sun'], from: '00:00', to: '06:00' }] };
    // Clocks go forward at 01:00 on 29 March 2026: the 00:00–06:00 shift lasts five hours.
    expect(onShiftMinutes([sundays], 'sam@example.com', at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z'))).toBe(5 * 60);
  });

  it('counts a minute once when two groups have the person on shift together, and tells "no rota" from "no shifts"', () => {
    const other: Rota = { timeZone: 'Europe/London', shifts: [{ member: 'sam@example.com', days: ['mon'], from: '16:00', to: '18:00' }, { member: 'nia@example.com', days: ['sat'], from: '09:00', to: '10:00' }] };
    expect(onShiftMinutes([weekdaysOnly, other], 'sam@example.com', at('2026-12-21T00:00:00Z'), at('2026-12-22T00:00:00Z'))).toBe(9 * 60);
    expect(onShiftMinutes([other], 'nia@example.com', at('2026-12-21T00:00:00Z'), at('2026-12-22T00:00:00Z'))).toBe(0);
    expect(onShiftMinutes([weekdaysOnly, other], 'mo@example.com', at('2026-12-21T00:00:00Z'), at('2026-12-22T00:00:00Z'))).toBeNull();
  });
});
