import { describe, expect, it } from 'vitest';
import { reportFacts, type FactsTicket } from './report-facts.ts';
import { toCsv } from './csv.ts';
import { period } from './period.ts';
import type { SlaPolicy } from '../engine/desk/desk.schema.ts';

const policy = { id: 'standard', calendar: '24x7', targets: { P3: { responseMinutes: 60, resolutionMinutes: 600 } } } as unknown as SlaPolicy;
const base: FactsTicket = {
  createdAt: '2026-12-01T09:00:00.000Z', priority: 'P3', slaPauses: [], firstResponseAt: '2026-12-01T09:30:00.000Z',
  resolution: { code: 'solved', notes: 'x', resolvedAt: '2026-12-01T19:30:00.000Z' }, closedAt: null, slaRestartedAt: null, heldByGroups: [], managerFlaggedAt: null,
};

describe('reportFacts', () => {
  it('counts the stopped clocks and calls a plain resolution first contact', () => {
    expect(reportFacts(base, policy, null, 0)).toEqual({
      stoppedAt: '2026-12-01T19:30:00.000Z', responseMinutes: 30, responseWallMinutes: 30, responseMet: true,
      resolutionMinutes: 630, resolutionWallMinutes: 630, resolutionMet: false, reopens: 0, firstContact: true,
    });
  });
  it.each([
    ['waited on the requester', { slaPauses: [{ from: '2026-12-01T10:00:00.000Z', to: '2026-12-01T11:00:00.000Z' }] }, 0],
    ['escalated to another group', { heldByGroups: ['service-desk'] }, 0],
    ['flagged to a manager', { managerFlaggedAt: '2026-12-01T10:00:00.000Z' }, 0],
    ['reopened', {}, 1],
  ])('is not first contact when %s', (_why, change, reopens) => {
    expect(reportFacts({ ...base, ...change }, policy, null, reopens)?.firstContact).toBe(false);
  });
  it('takes the resolution as the first response when nobody replied, and has nothing for an open ticket', () => {
    expect(reportFacts({ ...base, firstResponseAt: null }, policy, null, 0)).toMatchObject({ responseMinutes: 630, responseMet: false });
    expect(reportFacts({ ...base, resolution: null }, policy, null, 0)).toBeNull();
  });
});

describe('toCsv', () => {
  it('quotes what needs quoting and defuses spreadsheet formulas', () => {
    expect(toCsv({ columns: ['a', 'b'], rows: [['=HYPERLINK("x")', 'one, "two"'], [null, 3]] })).toBe(`a,b\r\n"'=HYPERLINK(""x"")","one, ""two"""\r\n,3\r\n`);
  });
});

describe('period', () => {
  it('counts local days across the clocks going back', () => {
    const p = period({ from: '2026-10-24', to: '2026-10-26', timeZone: 'Europe/London' }, new Date());
    expect(p.days).toEqual([
      { date: '2026-10-24', start: '2026-10-23T23:00:00.000Z', end: '2026-10-24T23:00:00.000Z' },
      { date: '2026-10-25', start: '2026-10-24T23:00:00.000Z', end: '2026-10-26T00:00:00.000Z' },
      { date: '2026-10-26', start: '2026-10-26T00:00:00.000Z', end: '2026-10-27T00:00:00.000Z' },
    ]);
  });
});
