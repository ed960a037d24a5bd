import { describe, expect, test } from 'vitest';
import { carriesSymptom, oneMailEach, resolvedTarget, stem } from './known-error-rules.ts';
import { defaultLifecycle } from '../engine/workflow/lifecycle.schema.ts';
import type { TicketChange } from '../engine/tickets/ticket-case.ts';

describe('carriesSymptom', () => {
  const symptom = 'Outlook closes by itself when opening a shared calendar';
  test.each<[string, boolean]>([
    ['Outlook closes when I open the shared team calendar', true],
    ['OUTLOOK CLOSED ITSELF opening shared calendars', true],
    ['Printer on floor 2 is out of toner', false],
    ['My calendar invite did not send', false],
    ['Shared calendar', false],
  ])('%s → %s', (text, expected) => {
    expect(carriesSymptom(symptom, text)).toBe(expected);
  });

  test('a one-word symptom needs that word', () => {
    expect(carriesSymptom('Kerberos', 'kerberos ticket expired')).toBe(true);
    expect(carriesSymptom('Kerberos', 'password expired')).toBe(false);
  });
});

test('stem folds the usual endings', () => {
  expect(new Set(['disconnects', 'disconnected', 'disconnecting', 'disconnect'].map(stem)).size).toBe(1);
  expect(stem('update')).toBe(stem('updates'));
});

test('resolvedTarget finds the resolved state reachable from here', () => {
  expect(resolvedTarget(defaultLifecycle, 'open')).toBe('resolved');
  expect(resolvedTarget(defaultLifecycle, 'closed')).toBeUndefined();
});

test('oneMailEach keeps the first message to each address, with its history entry', () => {
  const mail = (template: string, email: string) => ({ template, locale: 'en', recipient: { name: email, email }, subject: template, text: '', html: '', status: 'pending' as const });
  const queued = (template: string, to: string) => ({ type: 'notification.queued', data: { template, to } });
  const change: TicketChange = {
    ok: true,
    patch: {},
    events: [{ type: 'reply.public', data: {} }, queued('agent-reply', 'a@x.org'), { type: 'ticket.resolved', data: {} }, queued('confirm-resolution', 'A@x.org'), queued('confirm-resolution', 'b@x.org')],
    notifications: [mail('agent-reply', 'a@x.org'), mail('confirm-resolution', 'A@x.org'), mail('confirm-resolution', 'b@x.org')],
  };
  const one = oneMailEach(change);
  expect(one.notifications.map((n) => [n.template, n.recipient.email])).toEqual([['agent-reply', 'a@x.org'], ['confirm-resolution', 'b@x.org']]);
  expect(one.events.map((e) => e.type)).toEqual(['reply.public', 'notification.queued', 'ticket.resolved', 'notification.queued']);
});
