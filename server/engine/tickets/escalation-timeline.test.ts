import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Calendar } from '../calendar/calendar.schema.ts';
import { workflowDefinition, type WorkflowDefinition } from '../workflow/workflow.schema.ts';
import { escalationTimeline } from './escalation-timeline.ts';
import { caseOf, desk, standard } from './test-fixtures.ts';

type Json = any;
const itIncident: Json = JSON.parse(readFileSync(new URL('../../../workflows/it-incident.json', import.meta.url), 'utf8'));
const shipped = workflowDefinition.parse(structuredClone(itIncident));
const withEscalations = (escalations: Json[]): WorkflowDefinition => workflowDefinition.parse({ ...structuredClone(itIncident), escalations });
const notifyManager = [{ notify: { template: 'sla-breach', to: ['queue.manager'] } }];

/** A ticket just logged at 09:00 (UTC, Monday) in first line, looked at as it is logged. */
const logged = (definition: WorkflowDefinition, priority: string, overrides: Json = {}) =>
  caseOf(definition, { priority, createdAt: '2026-11-23T09:00:00.000Z', slaDue: { response: null, resolution: null } }, { now: new Date('2026-11-23T09:00:00.000Z'), ...overrides });
const brief = (c: ReturnType<typeof logged>) => escalationTimeline(c).map((e) => [e.rule, e.firesAt, e.businessMinutes]);

describe("the shipped it-incident workflow's escalation timeline", () => {
  it('for a P2: warning at 80% (15:24), breach at 17:00, major breach two hours later — each with its business minutes', () => {
    expect(brief(logged(shipped, 'P2'))).toEqual([
      ['resolution-warning', '2026-11-23T15:24:00.000Z', 384],
      ['resolution-breach', '2026-11-23T17:00:00.000Z', 480],
      ['major-breach', '2026-11-23T19:00:00.000Z', 600],
    ]);
  });

  it('for a P3: the major breach has its moment but would not fire, as its condition (P1/P2) does not hold', () => {
    const [warning, , major] = escalationTimeline(logged(shipped, 'P3'));
    expect(warning).toMatchObject({ firesAt: '2026-11-24T23:24:00.000Z', businessMinutes: 2304, holdsNow: true });
    expect(major).toMatchObject({ trigger: 'time', clock: 'resolution', scheduledAt: '2026-11-25T11:00:00.000Z', firesAt: null, holdsNow: false, actions: [], messages: [] });
  });

  it("says what each firing does and renders its messages: the breach's note and the manager's mail", () => {
    const breach = escalationTimeline(logged(shipped, 'P2'))[1]!;
    expect(breach.actions).toEqual([{ note: true }, { notify: 'sla-breach' }]);
    expect(breach.messages).toEqual([{ template: 'sla-breach', to: 'fl-boss@example.com', subject: '[INC-1042] sla-breach (new)', status: 'pending' }]);
  });
});

describe('rules that change the ticket and rules without a time', () => {
  it('carries a raised priority into the later looks: a P4 raised to P2 at 80% of its response reaches its P2 breach level', () => {
    const def = withEscalations([
      { id: 'raise', at: { clock: 'response', percent: 80 }, do: [{ setPriority: 'P2' }] },
      { id: 'p2-late', at: { clock: 'resolution', offsetMinutes: 0 }, when: { '==': [{ var: 'ticket.priority' }, 'P2'] }, do: notifyManager },
    ]);
    const [raise, late] = escalationTimeline(logged(def, 'P4'));
    // P4 response is 480 min: 80% is 384 min → 15:24. As a P2 logged at 09:00 its resolution (480 min) falls due at 17:00.
    expect(raise).toMatchObject({ firesAt: '2026-11-23T15:24:00.000Z', actions: [{ setPriority: { from: 'P4', to: 'P2' } }] });
    expect(late).toMatchObject({ firesAt: '2026-11-23T17:00:00.000Z', holdsNow: false });
  });

  it('fires a rule without `at` at the first look its condition holds: the resolution warning moment', () => {
    const def = withEscalations([{ id: 'on-warning', when: { '==': [{ var: 'sla.resolution.state' }, 'warning'] }, do: notifyManager }]);
    expect(escalationTimeline(logged(def, 'P2'))).toEqual([
      expect.objectContaining({ rule: 'on-warning', trigger: 'condition', clock: null, scheduledAt: null, firesAt: '2026-11-23T15:24:00.000Z', businessMinutes: 384, holdsNow: false }),
    ]);
  });

  it('a rule without `at` whose condition never holds without a change does not fire', () => {
    const def = withEscalations([{ when: { '==': [{ var: 'ticket.queue' }, 'network'] }, do: notifyManager }]);
    expect(escalationTimeline(logged(def, 'P2'))).toEqual([expect.objectContaining({ rule: '#1', firesAt: null, businessMinutes: null })]);
  });

  it('counts business time on a business calendar: a breach after closing time moves to the next working morning', () => {
    const office = {
      id: 'office',
      name: { en: 'Office' },
      timeZone: 'Europe/London',
      hours: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']], sat: [], sun: [] },
      holidays: [],
    } as unknown as Calendar;
    const onOffice = { ...desk, calendars: new Map([['office', office]]), slaPolicies: new Map([['standard', { ...standard, calendar: 'office' }]]) };
    expect(brief(logged(shipped, 'P2', { desk: onOffice }))).toEqual([
      ['resolution-warning', '2026-11-23T15:24:00.000Z', 384],
      ['resolution-breach', '2026-11-23T17:00:00.000Z', 480],
      ['major-breach', '2026-11-24T11:00:00.000Z', 600],
    ]);
  });
});
