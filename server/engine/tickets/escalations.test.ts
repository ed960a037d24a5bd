import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Calendar } from '../calendar/calendar.schema.ts';
import { workflowDefinition, type WorkflowDefinition } from '../workflow/workflow.schema.ts';
import { escalationPlan, fireEscalations, firstLookAt } from './escalations.ts';
import { withSlaClocks } from './sla-clocks.ts';
import { caseOf, carol, dan, desk, standard, ticketOf } from './test-fixtures.ts';
import type { TicketCase } from './ticket-case.ts';

type Json = any;
const itIncidentJson: Json = JSON.parse(readFileSync(new URL('../../../workflows/it-incident.json', import.meta.url), 'utf8'));
const withEscalations = (escalations: Json[]): WorkflowDefinition => workflowDefinition.parse({ ...structuredClone(itIncidentJson), escalations });

const notifyManager = [{ notify: { template: 'sla-breach', to: ['queue.manager'] } }];
/** A P2 logged at 09:00 on the 24×7 standard policy: response due 09:30, resolution due 17:00 (480 min). */
const p2 = { priority: 'P2', slaDue: { response: '2026-11-23T09:30:00.000Z', resolution: '2026-11-23T17:00:00.000Z' } };
const at = (iso: string, definition: WorkflowDefinition, ticket: Json = {}, overrides: Partial<TicketCase> = {}) =>
  caseOf(definition, { ...p2, ...ticket }, { now: new Date(iso), ...overrides });
const keys = (c: TicketCase, fired: string[] = []) => escalationPlan(c, new Set(fired)).due.map((d) => d.key);

describe('timed escalation levels', () => {
  const levels = withEscalations([
    { id: 'warn', at: { clock: 'resolution', percent: 80 }, do: notifyManager },
    { id: 'before', at: { clock: 'resolution', offsetMinutes: -30 }, do: notifyManager },
    { id: 'breach', at: { clock: 'resolution' }, do: notifyManager },
    { id: 'late', at: { clock: 'resolution', offsetMinutes: 120 }, do: notifyManager },
  ]);

  it('fires each level at its own moment: 80% (15:24), 30 minutes before due (16:30), due (17:00), two hours after (19:00)', () => {
    expect(keys(at('2026-11-23T15:23:59Z', levels))).toEqual([]);
    expect(keys(at('2026-11-23T15:24:00Z', levels))).toEqual(['warn']);
    expect(keys(at('2026-11-23T16:30:00Z', levels))).toEqual(['warn', 'before']);
    expect(keys(at('2026-11-23T17:00:00Z', levels))).toEqual(['warn', 'before', 'breach']);
    expect(keys(at('2026-11-23T19:00:00Z', levels))).toEqual(['warn', 'before', 'breach', 'late']);
  });

  it('says when to look next: the earliest level not yet fired', () => {
    expect(escalationPlan(at('2026-11-23T10:00:00Z', levels), new Set()).nextCheckAt).toBe('2026-11-23T15:24:00.000Z');
    expect(escalationPlan(at('2026-11-23T15:24:00Z', levels), new Set(['warn'])).nextCheckAt).toBe('2026-11-23T16:30:00.000Z');
    expect(escalationPlan(at('2026-11-23T20:00:00Z', levels), new Set(['warn', 'before', 'breach', 'late'])).nextCheckAt).toBeNull();
  });

  it('does not fire a level that already fired in this cycle', () => {
    expect(keys(at('2026-11-23T19:00:00Z', levels), ['warn', 'breach'])).toEqual(['before', 'late']);
  });

  it('counts business time on a business calendar: a level due after closing fires the next working morning', () => {
    const office: Calendar = {
      id: 'office',
      name: { en: 'Office' },
      timeZone: 'Europe/London',
      hours: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']], sat: [], sun: [] },
      holidays: [],
    } as unknown as Calendar;
    const onOffice = { ...desk, calendars: new Map([['office', office]]), slaPolicies: new Map([['standard', { ...standard, calendar: 'office' }]]) };
    // Logged Monday 09:00 London (UTC in November); 480 business minutes end at 17:00; +120 is Tuesday 11:00.
    expect(escalationPlan(at('2026-11-23T18:00:00Z', levels, {}, { desk: onOffice }), new Set(['warn', 'before', 'breach'])).nextCheckAt).toBe('2026-11-24T11:00:00.000Z');
  });

  it('is not due while the clock stands still (pending), and moves by the time it stood still', () => {
    const pending = { status: 'pending', statusClass: 'pending', slaPauses: [{ from: '2026-11-23T10:00:00.000Z', to: null }] };
    expect(keys(at('2026-11-23T18:00:00Z', levels, pending))).toEqual([]);
    expect(escalationPlan(at('2026-11-23T18:00:00Z', levels, pending), new Set()).nextCheckAt).toBeNull();
    // Back to open at 12:00 after two hours: the 80% level moves from 15:24 to 17:24.
    const resumed = { status: 'open', statusClass: 'open', slaPauses: [{ from: '2026-11-23T10:00:00.000Z', to: '2026-11-23T12:00:00.000Z' }] };
    expect(escalationPlan(at('2026-11-23T12:00:00Z', levels, resumed), new Set()).nextCheckAt).toBe('2026-11-23T17:24:00.000Z');
  });

  it('never fires for a resolved ticket, and a response level stops with the first reply', () => {
    const responseLevel = withEscalations([{ id: 'no-reply', at: { clock: 'response' }, do: notifyManager }]);
    expect(keys(at('2026-11-23T09:31:00Z', responseLevel))).toEqual(['no-reply']);
    expect(keys(at('2026-11-23T09:31:00Z', responseLevel, { firstResponseAt: '2026-11-23T09:20:00.000Z' }))).toEqual([]);
    const resolved = { status: 'resolved', statusClass: 'resolved', resolution: { code: 'fixed', notes: 'ok', resolvedAt: '2026-11-23T12:00:00.000Z' } };
    expect(keys(at('2026-11-23T19:00:00Z', levels, resolved))).toEqual([]);
  });

  it('applies its criteria: a level for P1/P2 only', () => {
    const majorOnly = withEscalations([{ id: 'major', at: { clock: 'resolution' }, when: { in: [{ var: 'ticket.priority' }, ['P1', 'P2']] }, do: notifyManager }]);
    expect(keys(at('2026-11-23T17:00:00Z', majorOnly))).toEqual(['major']);
    // A P4 due 17:00 too (same fixture due times), but not P1/P2.
    expect(keys(at('2026-11-28T10:00:00Z', majorOnly, { priority: 'P4' }))).toEqual([]);
  });
});

describe('rules without a time', () => {
  const byFacts = withEscalations([{ when: { '>=': [{ var: 'sla.resolution.elapsedPct' }, 80] }, do: notifyManager }]);

  it('are checked against the SLA facts and looked at again at the warning and due moments', () => {
    const early = escalationPlan(at('2026-11-23T10:00:00Z', byFacts), new Set());
    expect(early).toEqual({ due: [], nextCheckAt: '2026-11-23T15:24:00.000Z' });
    expect(keys(at('2026-11-23T15:24:00Z', byFacts))).toEqual(['#1']);
  });
});

describe('firing', () => {
  const breach = withEscalations([
    {
      id: 'breach',
      at: { clock: 'resolution' },
      do: [
        { setQueue: 'network' },
        { setPriority: 'P1' },
        { note: 'Moved to network by the SLA' },
        { notify: { template: 'sla-breach', to: ['queue.manager'] } },
        { webhook: { url: 'https://hooks.example.com/desk' } },
      ],
    },
  ]);

  it('moves the ticket, raises its priority with new due times, notes it internally, tells the new queue\'s manager and queues a webhook', () => {
    const c = at('2026-11-23T17:00:00Z', breach, { assigneeId: dan.id, status: 'open', statusClass: 'open' });
    const fired = fireEscalations(c, escalationPlan(c, new Set()).due);
    // Dan is not in the network team, so the ticket waits unassigned there; first line keeps following it.
    expect(fired.patch).toMatchObject({ queue: 'network', assigneeId: null, heldByGroups: ['service-desk'], priority: 'P1' });
    // P1 is 240 minutes from 09:00.
    expect(fired.patch.slaDue).toEqual({ response: '2026-11-23T09:15:00.000Z', resolution: '2026-11-23T13:00:00.000Z' });
    expect(fired.events.map((e) => e.type)).toEqual(['escalation.fired', 'note.internal', 'notification.queued']);
    expect(fired.events[0]!.data).toMatchObject({ rule: 'breach', actions: [{ setQueue: { from: 'first-line', to: 'network' } }, { setPriority: { from: 'P2', to: 'P1' } }, { note: true }, { notify: 'sla-breach' }, { webhook: 'https://hooks.example.com/desk' }] });
    expect(fired.notifications.map((n) => n.recipient.email)).toEqual(['net-boss@example.com']);
    expect(fired.notifications[0]!.text).toContain('escalation=rule|breach');
    expect(fired.webhooks).toHaveLength(1);
    expect(fired.webhooks![0]!.payload).toMatchObject({ event: 'escalation.fired', rule: 'breach', ticket: { number: 'INC-1042', queue: 'network', priority: 'P1' } });
    expect(JSON.stringify(fired.webhooks)).not.toContain('Moved to network by the SLA');
  });

  it('assigns only a member of the queue, and says so when the person is not one', () => {
    const assignCarol = withEscalations([{ id: 'a', at: { clock: 'resolution' }, do: [{ setQueue: 'network' }, { assign: carol.email }] }]);
    const c = at('2026-11-23T17:00:00Z', assignCarol);
    expect(fireEscalations(c, escalationPlan(c, new Set()).due).patch).toMatchObject({ queue: 'network', assigneeId: carol.id });
    const assignOutsider = withEscalations([{ id: 'a', at: { clock: 'resolution' }, do: [{ assign: carol.email }] }]);
    const c2 = at('2026-11-23T17:00:00Z', assignOutsider);
    const fired = fireEscalations(c2, escalationPlan(c2, new Set()).due);
    expect(fired.patch.assigneeId).toBeUndefined();
    expect(fired.events[0]!.data.actions).toEqual([{ assign: carol.email, skipped: 'not in the group that works the queue "first-line"' }]);
  });
});

describe('escalation cycles', () => {
  const definition = withEscalations([{ id: 'breach', at: { clock: 'resolution' }, do: notifyManager }]);

  it('a reopen starts a new cycle, so the rules may fire again', () => {
    const resolved = ticketOf({ ...p2, status: 'resolved', statusClass: 'resolved', slaPauses: [{ from: '2026-11-23T12:00:00.000Z', to: null }] } as Json);
    const c = caseOf(definition, resolved, { now: new Date('2026-11-23T13:00:00Z') });
    const reopened = withSlaClocks(c, { ok: true, patch: { status: 'open', statusClass: 'open' }, events: [{ type: 'ticket.reopened', data: {} }], notifications: [] });
    expect(reopened.patch.escalationCycle).toBe(1);
  });

  it('a reopen continues the resolution clock where it stood, or restarts it with the full target when the policy says so', () => {
    const resolved = ticketOf({ ...p2, status: 'resolved', statusClass: 'resolved', slaPauses: [{ from: '2026-11-23T12:00:00.000Z', to: null }] } as Json);
    const reopen = { ok: true as const, patch: { status: 'open', statusClass: 'open' as const }, events: [{ type: 'ticket.reopened', data: {} }], notifications: [] };
    const at1300 = { now: new Date('2026-11-23T13:00:00Z') };
    // 180 of 480 minutes ran before the resolution at 12:00; 300 remain from 13:00.
    const continued = withSlaClocks(caseOf(definition, resolved, at1300), reopen);
    expect(continued.patch).toMatchObject({ slaDue: { resolution: '2026-11-23T18:00:00.000Z' } });
    expect(continued.patch.slaRestartedAt).toBeUndefined();
    const restarting = { ...desk, slaPolicies: new Map([['standard', { ...standard, onReopen: 'restart' as const }]]) };
    const restarted = withSlaClocks(caseOf(definition, resolved, { ...at1300, desk: restarting }), reopen);
    expect(restarted.patch).toMatchObject({ slaRestartedAt: '2026-11-23T13:00:00.000Z', slaDue: { resolution: '2026-11-23T21:00:00.000Z' } });
  });

  it('a requester answering a pending ticket starts a new cycle only when the policy says so', () => {
    const pending = ticketOf({ ...p2, status: 'pending', statusClass: 'pending', slaPauses: [{ from: '2026-11-23T12:00:00.000Z', to: null }] } as Json);
    const answer = { ok: true as const, patch: { status: 'open', statusClass: 'open' as const }, events: [{ type: 'reply.requester', data: {} }], notifications: [] };
    expect(withSlaClocks(caseOf(definition, pending, { now: new Date('2026-11-23T13:00:00Z') }), answer).patch.escalationCycle).toBeUndefined();
    const rearming = { ...desk, slaPolicies: new Map([['standard', { ...standard, rearmEscalationsOn: ['reopen' as const, 'resume' as const] }]]) };
    expect(withSlaClocks(caseOf(definition, pending, { now: new Date('2026-11-23T13:00:00Z'), desk: rearming }), answer).patch.escalationCycle).toBe(1);
  });
});

describe("the scheduler's first look at a new ticket", () => {
  const logged = { createdAt: '2026-11-23T09:00:00.000Z', priority: 'P2' };

  it('is the earliest level, so intake does not wake the scheduler for nothing', () => {
    const levels = withEscalations([
      { at: { clock: 'resolution', percent: 80 }, do: notifyManager },
      { at: { clock: 'response', offsetMinutes: -10 }, do: notifyManager },
    ]);
    expect(firstLookAt(levels.escalations, logged, standard, null)).toBe('2026-11-23T09:20:00.000Z');
  });

  it('is at once when a rule has no time, and never without rules', () => {
    const untimed = withEscalations([{ when: { '==': [{ var: 'ticket.priority' }, 'P1'] }, do: notifyManager }]);
    expect(firstLookAt(untimed.escalations, logged, standard, null)).toBe(logged.createdAt);
    expect(firstLookAt([], logged, standard, null)).toBeNull();
  });
});
