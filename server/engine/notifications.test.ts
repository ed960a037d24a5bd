import { describe, expect, it, test } from 'vitest';
import {
  localise,
  noEventDetails,
  renderFor,
  resolveRecipients,
  type Person,
  type TemplateContext,
  type TemplateLookup,
} from './notifications.ts';
import type { TemplateSource } from './templates.ts';

const sam: Person = { name: 'Sam Jones', email: 'sam@example.com', locale: 'cy', timeZone: 'Europe/London' };
const alex: Person = { name: 'Alex Agent', email: 'alex@example.com' };
const bea: Person = { name: 'Bea Agent', email: 'bea@example.com', locale: 'en' };

describe('resolveRecipients', () => {
  const people = { requester: sam, assignee: alex, queueMembers: [alex, bea], queueManager: 'boss@example.com' };

  test.each<[string, string[], string[]]>([
    ['the requester', ['requester'], ['sam@example.com']],
    ['the assignee', ['assignee'], ['alex@example.com']],
    ['the queue\'s members', ['queue'], ['alex@example.com', 'bea@example.com']],
    ['the queue\'s manager', ['queue.manager'], ['boss@example.com']],
    ['an e-mail address', ['ops@example.com'], ['ops@example.com']],
    ['a name given twice once', ['requester', 'requester'], ['sam@example.com']],
    ['the assignee once when also a queue member', ['assignee', 'queue'], ['alex@example.com', 'bea@example.com']],
    ['everyone, in the order named', ['queue.manager', 'queue', 'requester'], ['boss@example.com', 'alex@example.com', 'bea@example.com', 'sam@example.com']],
  ])('names %s', (_name, to, emails) => {
    expect(resolveRecipients(to, people).map((p) => p.email)).toEqual(emails);
  });

  it('keeps the first person for an address, ignoring case', () => {
    const result = resolveRecipients(['requester', 'SAM@Example.com', 'queue'], {
      ...people,
      queueMembers: [{ name: 'Sam (agent)', email: 'Sam@Example.COM' }, bea],
    });
    expect(result).toEqual([sam, bea]);
  });

  it('names the manager and a plain address by their address', () => {
    expect(resolveRecipients(['queue.manager', 'ops@example.com'], people)).toEqual([
      { name: 'boss@example.com', email: 'boss@example.com' },
      { name: 'ops@example.com', email: 'ops@example.com' },
    ]);
  });

  it('names nobody for an absent assignee, manager or empty queue', () => {
    expect(resolveRecipients(['assignee', 'queue.manager', 'queue'], { requester: sam, assignee: null, queueMembers: [], queueManager: undefined })).toEqual([]);
  });
});

describe('localise', () => {
  test.each([
    ['en', 'Broken'],
    ['cy', 'Wedi torri'],
    ['fr', 'Broken'],
  ])('%s → %s', (locale, expected) => {
    expect(localise({ en: 'Broken', cy: 'Wedi torri' }, locale)).toBe(expected);
  });
});

describe('renderFor', () => {
  const context: TemplateContext = {
    ticket: {
      id: 1042,
      number: 'INC-1042',
      title: 'VPN <drops>',
      kind: 'incident',
      status: 'new',
      category: 'network',
      priority: 'P2',
      queue: { id: 'network', name: { en: 'Network', cy: 'Rhwydwaith' } },
      fields: { service: 'vpn' },
      createdAt: '2026-07-01T12:00:00.000Z',
      slaDue: { response: '2026-07-01T12:30:00.000Z', resolution: '2026-07-01T20:00:00.000Z' },
    },
    requester: { name: 'Sam Jones', email: 'sam@example.com' },
    assignee: null,
    workflow: { id: 'it-incident', name: { en: 'Something is broken', cy: 'Mae rhywbeth wedi torri' } },
    sla: { policy: 'standard', responseMinutes: 30, resolutionMinutes: 480, responseDue: null, resolutionDue: null },
    ...noEventDetails,
    links: { ticket: 'https://desk.example.com/tickets/1042' },
    desk: { name: 'IT desk', url: 'https://desk.example.com' },
  };

  const store: Record<string, TemplateSource> = {
    'en/ack': { subject: '[{{ticket.number}}] {{workflow.name}}', body: 'Hello {{recipient.name}}: {{ticket.title}} at {{date ticket.createdAt}}' },
    'cy/ack': { subject: '[{{ticket.number}}] {{workflow.name}} (cy)', body: 'Helo {{recipient.name}}' },
    'en/broken': { subject: 'x', body: 'ok\n{{> footer}}' },
    'en/throws': { subject: 'x', body: '{{#if}}y{{/if}}' },
    'en/queue': { subject: '{{ticket.queue.name}}', body: '' },
    'cy/queue': { subject: '{{ticket.queue.name}}', body: '' },
  };
  const lookup: TemplateLookup = (name, locale) => store[`${locale}/${name}`];

  it('renders in the recipient\'s locale when the template has it', () => {
    expect(renderFor(lookup, 'ack', sam, context)).toEqual({
      template: 'ack',
      locale: 'cy',
      recipient: sam,
      subject: '[INC-1042] Mae rhywbeth wedi torri (cy)',
      text: 'Helo Sam Jones',
      html: 'Helo Sam Jones',
      status: 'pending',
    });
  });

  it('falls back to en, with the workflow name in en', () => {
    const french: Person = { name: 'Jo', email: 'jo@example.com', locale: 'fr' };
    const draft = renderFor(lookup, 'ack', french, context);
    expect(draft).toMatchObject({ locale: 'en', status: 'pending', subject: '[INC-1042] Something is broken' });
    expect(draft.error).toBeUndefined();
  });

  it('uses en for a recipient without a locale, in UTC when they have no time zone', () => {
    expect(renderFor(lookup, 'ack', alex, context)).toMatchObject({
      locale: 'en',
      text: 'Hello Alex Agent: VPN <drops> at 1 Jul 2026, 12:00',
      html: 'Hello Alex Agent: VPN &lt;drops&gt; at 1 Jul 2026, 12:00',
    });
  });

  it('shows dates in the recipient\'s time zone', () => {
    const english: Person = { ...sam, locale: 'en' };
    expect(renderFor(lookup, 'ack', english, context).text).toBe('Hello Sam Jones: VPN <drops> at 1 Jul 2026, 13:00');
  });

  it('gives the queue name in the locale rendered', () => {
    expect(renderFor(lookup, 'queue', sam, context).subject).toBe('Rhwydwaith');
    expect(renderFor(lookup, 'queue', alex, context).subject).toBe('Network');
  });

  it('asks for the recipient\'s locale first, then en', () => {
    const asked: string[] = [];
    renderFor((name, locale) => (asked.push(`${locale}/${name}`), store[`${locale}/${name}`]), 'broken', sam, context);
    expect(asked).toEqual(['cy/broken', 'en/broken']);
  });

  it('fails, without throwing, when the template does not exist', () => {
    expect(renderFor(lookup, 'nope', sam, context)).toEqual({
      template: 'nope',
      locale: 'en',
      recipient: sam,
      subject: '',
      text: '',
      html: '',
      status: 'failed',
      error: 'the template "nope" does not exist',
    });
  });

  it('fails, without throwing, when the template is refused', () => {
    const draft = renderFor(lookup, 'broken', sam, context);
    expect(draft).toMatchObject({ template: 'broken', locale: 'en', status: 'failed', subject: '', text: '', html: '' });
    expect(draft.error).toMatch(/^body 2:1: partials/);
  });

  it('fails, without throwing, when rendering throws', () => {
    const draft = renderFor(lookup, 'throws', alex, context);
    expect(draft.status).toBe('failed');
    expect(draft.error).toEqual(expect.any(String));
  });
});
