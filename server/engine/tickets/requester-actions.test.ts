import { readFileSync } from 'node:fs';
import { describe, expect, it, test } from 'vitest';
import type { StateClass } from '../workflow/lifecycle.schema.ts';
import { workflowDefinition, type WorkflowDefinition } from '../workflow/workflow.schema.ts';
import { autoClose, autoCloseAt, confirmResolution, reopenResolution, requesterReply } from './requester-actions.ts';
import { accepted, caseOf, dan, now, refused, requesterSam, sent } from './test-fixtures.ts';
import type { Ticket } from './ticket.schema.ts';

/** Plain JSON as the admin wrote it, so a case can change it before parsing. */
type Json = any;
const itIncidentJson: Json = JSON.parse(readFileSync(new URL('../../../workflows/it-incident.json', import.meta.url), 'utf8'));
const itIncident: WorkflowDefinition = workflowDefinition.parse(itIncidentJson);
const variant = (change: (wf: Json) => void): WorkflowDefinition => {
  const wf = structuredClone(itIncidentJson);
  change(wf);
  return workflowDefinition.parse(wf);
};

const at = now.toISOString();
const resolvedAt = '2026-11-20T10:00:00.000Z';
const inState = (statusClass: StateClass, extra: Partial<Ticket> = {}): Partial<Ticket> => ({
  status: statusClass,
  statusClass,
  assigneeId: dan.id,
  firstResponseAt: '2026-11-23T09:30:00.000Z',
  ...(statusClass === 'resolved' || statusClass === 'closed' ? { resolution: { code: 'solved', notes: 'Replaced the toner', resolvedAt } } : {}),
  ...(statusClass === 'closed' ? { closedAt: '2026-11-21T10:00:00.000Z' } : {}),
  ...extra,
});

/** A lifecycle whose open-class state is not called "open" and whose resolved/closed states are renamed. */
const renamed = variant((wf) => {
  wf.lifecycle = {
    states: [
      { id: 'new', class: 'new' },
      { id: 'in-progress', class: 'open' },
      { id: 'waiting', class: 'pending' },
      { id: 'fixed', class: 'resolved' },
      { id: 'archived', class: 'closed' },
    ],
    transitions: [{ from: ['new', 'waiting'], to: 'in-progress' }],
  };
});

/** it-incident plus a message to the requester when the ticket closes. */
const tellsOnClose = variant((wf) => wf.notifications.push({ on: 'ticket.closed', template: 'closed-thanks', to: ['requester'] }));

const closedMessage = 'This ticket is closed. If the problem is back, please submit a new request.';

describe('requesterReply', () => {
  it('sends a ticket waiting for the requester back to the agents, and tells the assignee', () => {
    const result = accepted(requesterReply(caseOf(itIncident, inState('pending')), requesterSam, { body: '  It is tray 2  ' }));
    expect(result.patch).toEqual({ status: 'open', statusClass: 'open' });
    expect(result.events.slice(0, 2)).toEqual([
      { type: 'reply.requester', data: { body: 'It is tray 2' } },
      { type: 'status.changed', data: { from: 'pending', to: 'open', fromClass: 'pending', toClass: 'open', reason: 'the requester replied' } },
    ]);
    expect(sent(result.notifications)).toEqual([['requester-replied', 'dan@example.com']]);
    expect(result.notifications[0]!.subject).toBe('[INC-1042] requester-replied (open)');
    expect(result.notifications[0]!.text).toContain('comment=It is tray 2 by=Sam Jones');
  });

  it('goes back to the first open-class state of a custom lifecycle', () => {
    const c = caseOf(renamed, inState('pending', { status: 'waiting' }));
    expect(accepted(requesterReply(c, requesterSam, { body: 'Tray 2' })).patch).toEqual({ status: 'in-progress', statusClass: 'open' });
  });

  test.each<StateClass>(['new', 'open'])('leaves a %s ticket where it is', (state) => {
    const result = accepted(requesterReply(caseOf(itIncident, inState(state)), requesterSam, { body: 'One more thing' }));
    expect(result.patch).toEqual({});
    expect(result.events.map((e) => e.type)).toEqual(['reply.requester', 'notification.queued']);
  });

  it('reopens a resolved ticket: a reply to "is it fixed?" means not yet', () => {
    const result = accepted(requesterReply(caseOf(itIncident, inState('resolved')), requesterSam, { body: 'Still blank pages' }));
    expect(result.patch).toEqual({ status: 'open', statusClass: 'open', resolution: null, closedAt: null });
    expect(result.events.filter((e) => !e.type.startsWith('notification.'))).toEqual([
      { type: 'reply.requester', data: { body: 'Still blank pages' } },
      { type: 'status.changed', data: { from: 'resolved', to: 'open', fromClass: 'resolved', toClass: 'open' } },
      { type: 'ticket.reopened', data: { by: 'requester', reason: 'Still blank pages' } },
    ]);
  });

  it('sends no message when nobody is assigned', () => {
    const result = accepted(requesterReply(caseOf(itIncident, inState('pending', { assigneeId: null })), requesterSam, { body: 'Tray 2' }));
    expect(result.patch).toEqual({ status: 'open', statusClass: 'open' });
    expect(result.notifications).toEqual([]);
  });

  it('refuses a reply on a closed ticket', () => {
    expect(requesterReply(caseOf(itIncident, inState('closed')), requesterSam, { body: 'It is back' })).toEqual({ ok: false, status: 409, message: closedMessage });
  });
});

describe('confirmResolution', () => {
  it('closes a resolved ticket with the requester\'s rating and trimmed comment', () => {
    const result = accepted(confirmResolution(caseOf(tellsOnClose, inState('resolved')), { rating: 5, comment: '  Thanks, all good  ' }));
    expect(result.patch).toEqual({ status: 'closed', statusClass: 'closed', closedAt: at, satisfaction: { rating: 5, comment: 'Thanks, all good' } });
    expect(result.events.slice(0, 3)).toEqual([
      { type: 'status.changed', data: { from: 'resolved', to: 'closed', fromClass: 'resolved', toClass: 'closed' } },
      { type: 'ticket.closed', data: { by: 'requester' } },
      { type: 'satisfaction.recorded', data: { rating: 5, comment: 'Thanks, all good' } },
    ]);
    expect(sent(result.notifications)).toEqual([['closed-thanks', 'sam@example.com']]);
    expect(result.notifications[0]!.text).toContain('rating=5|Thanks, all good');
  });

  it('records a rating without a comment', () => {
    const result = accepted(confirmResolution(caseOf(itIncident, inState('resolved')), { rating: 2 }));
    expect(result.patch.satisfaction).toEqual({ rating: 2, comment: null });
    expect(result.events.at(-1)).toEqual({ type: 'satisfaction.recorded', data: { rating: 2, comment: null } });
  });

  it('records a comment without a rating', () => {
    expect(accepted(confirmResolution(caseOf(itIncident, inState('resolved')), { comment: 'Quick, thanks' })).patch.satisfaction).toEqual({ rating: null, comment: 'Quick, thanks' });
  });

  test.each<[string, { rating?: number; comment?: string }]>([
    ['nothing', {}],
    ['a whitespace-only comment', { comment: '   ' }],
  ])('records no satisfaction for %s', (_name, input) => {
    const result = accepted(confirmResolution(caseOf(itIncident, inState('resolved')), input));
    expect(result.patch).toEqual({ status: 'closed', statusClass: 'closed', closedAt: at });
    expect(result.events.map((e) => e.type)).toEqual(['status.changed', 'ticket.closed']);
  });

  it('closes into the first closed-class state of a custom lifecycle', () => {
    expect(accepted(confirmResolution(caseOf(renamed, inState('resolved', { status: 'fixed' })), {})).patch).toMatchObject({ status: 'archived', statusClass: 'closed' });
  });

  test.each<StateClass>(['new', 'open', 'pending', 'closed'])('refuses to confirm a %s ticket', (state) => {
    expect(confirmResolution(caseOf(itIncident, inState(state)), { rating: 5 })).toEqual({
      ok: false,
      status: 409,
      message: `Only a resolved ticket can be confirmed; this one is ${state}`,
    });
  });
});

describe('reopenResolution', () => {
  it('opens a resolved ticket again, clears the resolution and tells the assignee and the queue manager why', () => {
    const result = accepted(reopenResolution(caseOf(itIncident, inState('resolved')), { reason: '  Still printing blank pages  ' }));
    expect(result.patch).toEqual({ status: 'open', statusClass: 'open', resolution: null, closedAt: null });
    expect(result.events.slice(0, 2)).toEqual([
      { type: 'status.changed', data: { from: 'resolved', to: 'open', fromClass: 'resolved', toClass: 'open' } },
      { type: 'ticket.reopened', data: { by: 'requester', reason: 'Still printing blank pages' } },
    ]);
    expect(sent(result.notifications)).toEqual([
      ['ticket-reopened', 'dan@example.com'],
      ['ticket-reopened', 'fl-boss@example.com'],
    ]);
    expect(result.notifications[0]!.text).toContain('reopen=Still printing blank pages');
  });

  it('reopens into the first open-class state of a custom lifecycle', () => {
    expect(accepted(reopenResolution(caseOf(renamed, inState('resolved', { status: 'fixed' })), { reason: 'No' })).patch).toMatchObject({
      status: 'in-progress',
      statusClass: 'open',
    });
  });

  test.each<StateClass>(['resolved', 'open'])('requires a reason (on a %s ticket too)', (state) => {
    expect(reopenResolution(caseOf(itIncident, inState(state)), { reason: ' \n ' })).toEqual({
      ok: false,
      status: 422,
      message: 'Tell us what is still wrong',
      problems: [{ path: 'reason', message: 'is required' }],
    });
  });

  test.each<StateClass>(['new', 'open', 'pending'])('refuses to reopen a %s ticket', (state) => {
    expect(reopenResolution(caseOf(itIncident, inState(state)), { reason: 'Still broken' })).toEqual({
      ok: false,
      status: 409,
      message: `Only a resolved ticket can be reopened; this one is ${state}`,
    });
  });

  it('points the requester to a new request once the ticket is closed', () => {
    expect(reopenResolution(caseOf(itIncident, inState('closed')), { reason: 'It is back' })).toEqual({ ok: false, status: 409, message: closedMessage });
  });
});

describe('auto-close', () => {
  const after = (days: number) => variant((wf) => (wf.resolution = { autoCloseDays: days }));

  it('is due autoCloseDays after the ticket was resolved', () => {
    expect(autoCloseAt(caseOf(itIncident, inState('resolved')))).toEqual(new Date('2026-11-25T10:00:00.000Z'));
    expect(autoCloseAt(caseOf(after(1), inState('resolved')))).toEqual(new Date('2026-11-21T10:00:00.000Z'));
  });

  it('defaults to five days for a workflow that does not say', () => {
    const unsaid = variant((wf) => delete wf.resolution);
    expect(unsaid.resolution.autoCloseDays).toBe(5);
    expect(autoCloseAt(caseOf(unsaid, inState('resolved')))).toEqual(new Date('2026-11-25T10:00:00.000Z'));
  });

  it('never happens with autoCloseDays 0', () => {
    const never = after(0);
    expect(autoCloseAt(caseOf(never, inState('resolved')))).toBeNull();
    const yearLater = caseOf(never, inState('resolved'), { now: new Date('2027-11-23T10:00:00.000Z') });
    expect(autoClose(yearLater)).toEqual({ ok: false, status: 409, message: 'The ticket is not due to close' });
  });

  test.each<StateClass>(['new', 'open', 'pending', 'closed'])('is never due for a %s ticket', (state) => {
    expect(autoCloseAt(caseOf(itIncident, inState(state)))).toBeNull();
  });

  it('is never due for a resolved ticket without a resolution time', () => {
    expect(autoCloseAt(caseOf(itIncident, inState('resolved', { resolution: null })))).toBeNull();
  });

  it('refuses to close a ticket before it is due', () => {
    // Now is 2026-11-23T10:00, due 2026-11-25T10:00.
    expect(autoClose(caseOf(itIncident, inState('resolved')))).toEqual({ ok: false, status: 409, message: 'The ticket is not due to close' });
    const aMinuteEarly = caseOf(itIncident, inState('resolved'), { now: new Date('2026-11-25T09:59:00.000Z') });
    expect(refused(autoClose(aMinuteEarly)).status).toBe(409);
  });

  test.each<[string, string]>([
    ['when it falls due', '2026-11-25T10:00:00.000Z'],
    ['long after', '2026-12-25T10:00:00.000Z'],
  ])('closes a silent resolved ticket %s, saying it was automatic', (_name, when) => {
    const c = caseOf(tellsOnClose, inState('resolved'), { now: new Date(when) });
    const result = accepted(autoClose(c));
    expect(result.patch).toEqual({ status: 'closed', statusClass: 'closed', closedAt: when });
    expect(result.events.slice(0, 2)).toEqual([
      { type: 'status.changed', data: { from: 'resolved', to: 'closed', fromClass: 'resolved', toClass: 'closed' } },
      { type: 'ticket.closed', data: { by: 'auto-close', afterDays: 5 } },
    ]);
    expect(result.patch).not.toHaveProperty('satisfaction');
    expect(sent(result.notifications)).toEqual([['closed-thanks', 'sam@example.com']]);
  });

  it('counts the workflow\'s own number of days', () => {
    const c = caseOf(after(2), inState('resolved'), { now: new Date('2026-11-22T10:00:00.000Z') });
    expect(accepted(autoClose(c)).events[1]).toEqual({ type: 'ticket.closed', data: { by: 'auto-close', afterDays: 2 } });
  });

  it('refuses a ticket that is no longer resolved', () => {
    const c = caseOf(itIncident, inState('open', { resolution: { code: 'solved', notes: 'x', resolvedAt } }), { now: new Date('2026-12-25T10:00:00.000Z') });
    expect(refused(autoClose(c)).message).toBe('The ticket is not due to close');
  });
});
