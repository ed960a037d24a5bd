import { describe, expect, it, test } from 'vitest';
import { computeSlaDue } from './sla.ts';
import type { Priority } from './workflow/workflow.schema.ts';
import { standard } from './tickets/test-fixtures.ts';


describe('computeSlaDue on the 24x7 calendar', () => {
  const now = new Date('2026-11-22T10:00:00Z');

  test.each<[Priority, string, string]>([
    ['P1', '2026-11-22T10:15:00.000Z', '2026-11-22T14:00:00.000Z'],
    ['P2', '2026-11-22T10:30:00.000Z', '2026-11-22T18:00:00.000Z'],
    ['P3', '2026-11-22T14:00:00.000Z', '2026-11-24T10:00:00.000Z'],
    ['P4', '2026-11-22T18:00:00.000Z', '2026-11-27T10:00:00.000Z'],
  ])('%s from 2026-11-22 10:00 UTC: response %s, resolution %s', (priority, response, resolution) => {
    expect(computeSlaDue(standard, priority, now)).toEqual({
      policy: 'standard',
      responseMinutes: standard.targets[priority].responseMinutes,
      resolutionMinutes: standard.targets[priority].resolutionMinutes,
      response,
      resolution,
    });
  });

  it('counts through nights, weekends and the new year', () => {
    const due = computeSlaDue(standard, 'P4', new Date('2026-12-31T23:50:00Z'));
    expect(due.response).toBe('2027-01-01T07:50:00.000Z');
    expect(due.resolution).toBe('2027-01-05T23:50:00.000Z');
  });

  it('keeps the seconds of the start and does not change it', () => {
    const start = new Date('2026-03-29T00:59:30.250Z');
    const due = computeSlaDue(standard, 'P1', start);
    expect(due.response).toBe('2026-03-29T01:14:30.250Z');
    expect(start.toISOString()).toBe('2026-03-29T00:59:30.250Z');
  });
});
