import { describe, expect, it } from 'vitest';
import { calendar } from './calendar/calendar.schema.ts';
import { slaFacts, type SlaClock } from './sla-clock.ts';

const hours: [string, string][] = [['09:00', '17:00']];
const london = calendar.parse({ id: 'london', name: { en: 'London' }, timeZone: 'Europe/London', hours: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours } });
const clock = (c: Partial<SlaClock>): SlaClock => ({ startedAt: '2026-11-23T09:00:00Z', targetMinutes: 480, pauses: [], stoppedAt: null, ...c });
const at = (iso: string) => new Date(iso);

describe('slaFacts', () => {
  it('runs: due after 8 business hours, half elapsed at 13:00', () => {
    expect(slaFacts(clock({}), london, at('2026-11-23T13:00:00Z'))).toEqual({
      dueAt: '2026-11-23T17:00:00.000Z', elapsedMinutes: 240, remainingMinutes: 240, elapsedPct: 50, state: 'running', breached: false,
    });
  });

  it('warns from 80%', () => {
    expect(slaFacts(clock({}), london, at('2026-11-23T15:30:00Z')).state).toBe('warning');
    expect(slaFacts(clock({}), london, at('2026-11-23T15:30:00Z')).elapsedPct).toBe(81.3);
  });

  it('does not count the night: 100% at closing, still 100% at 07:00 the next morning, breached once counting resumes', () => {
    expect(slaFacts(clock({}), london, at('2026-11-23T16:59:00Z')).state).toBe('warning');
    expect(slaFacts(clock({}), london, at('2026-11-23T17:00:00Z')).state).toBe('breached');
    expect(slaFacts(clock({}), london, at('2026-11-24T07:00:00Z')).elapsedMinutes).toBe(480);
  });

  it('moves the due time by exactly the paused business time', () => {
    const paused = clock({ pauses: [{ from: '2026-11-23T11:00:00Z', to: '2026-11-23T14:30:00Z' }] });
    const facts = slaFacts(paused, london, at('2026-11-23T15:00:00Z'));
    expect(facts.elapsedMinutes).toBe(150);
    expect(facts.dueAt).toBe('2026-11-24T12:30:00.000Z'); // Monday 17:00 + 3.5 business hours
  });

  it('pausing over a weekend moves nothing for the closed days', () => {
    const paused = clock({ startedAt: '2026-11-20T15:00:00Z', pauses: [{ from: '2026-11-20T16:00:00Z', to: '2026-11-23T10:00:00Z' }] });
    const facts = slaFacts(paused, london, at('2026-11-23T10:00:00Z'));
    expect(facts.elapsedMinutes).toBe(60);
    expect(facts.dueAt).toBe('2026-11-23T17:00:00.000Z'); // 7 business hours left from Monday 10:00
  });

  it('is paused while a pause is open, with no due time', () => {
    const facts = slaFacts(clock({ pauses: [{ from: '2026-11-23T10:00:00Z', to: null }] }), london, at('2026-11-23T16:00:00Z'));
    expect(facts).toMatchObject({ state: 'paused', dueAt: null, elapsedMinutes: 60, remainingMinutes: 420 });
  });

  it('is met when stopped in time, breached when stopped late, and stays so', () => {
    expect(slaFacts(clock({ stoppedAt: '2026-11-23T16:00:00Z' }), london, at('2026-11-30T12:00:00Z'))).toMatchObject({ state: 'met', elapsedMinutes: 420, breached: false });
    expect(slaFacts(clock({ stoppedAt: '2026-11-24T10:00:00Z' }), london, at('2026-11-30T12:00:00Z'))).toMatchObject({ state: 'breached', elapsedMinutes: 540, breached: true });
  });

  it('counts every minute on 24×7', () => {
    expect(slaFacts(clock({ targetMinutes: 60 }), null, at('2026-11-23T09:45:00Z'))).toMatchObject({ dueAt: '2026-11-23T10:00:00.000Z', elapsedPct: 75, state: 'running' });
  });
});
