import { describe, expect, it, test } from 'vitest';
import type { Queue } from './desk/desk.schema.ts';
import { formatTicketNumber, ruleContext, submit, type DeskDirectory, type IntakeInput, type Member, type IntakeResult, type Requester } from './intake.ts';
import type { Person, TemplateLookup } from './notifications.ts';
import type { TemplateSource } from './templates.ts';
import { workflowDefinition, type WorkflowDefinition } from './workflow/workflow.schema.ts';
import { standard } from './tickets/test-fixtures.ts';

const definition: WorkflowDefinition = workflowDefinition.parse({
  id: 'it-incident',
  name: { en: 'Something is broken', cy: 'Mae rhywbeth wedi torri' },
  kind: 'incident',
  titleField: 'summary',
  form: {
    fields: [
      { key: 'summary', type: 'text', required: true, maxLength: 200 },
      { key: 'service', type: 'select', required: true, options: ['vpn', 'email', 'printer', 'other'] },
      { key: 'impact', type: 'select', options: ['me', 'team', 'everyone'] },
      { key: 'urgency', type: 'select', options: ['low', 'medium', 'high'], default: 'low' },
      { key: 'printer_id', type: 'text', required: true, visibleWhen: { '==': [{ var: 'fields.service' }, 'printer'] } },
      { key: 'on_behalf_of', type: 'user', visibleWhen: { in: ['agent', { var: 'requester.roles' }] } },
      { key: 'details', type: 'textarea' },
    ],
  },
  priority: { matrix: { everyone: { high: 'P1', medium: 'P2' }, '*': { high: 'P3', '*': 'P4' } }, default: 'P4' },
  categorise: [
    { when: { '==': [{ var: 'fields.impact' }, 'everyone'] }, set: { category: 'outage' }, continue: true },
    { when: { in: [{ var: 'fields.service' }, ['vpn', 'email']] }, set: { category: 'network', queue: 'network' } },
    { when: true, set: { category: 'general', queue: 'first-line' } },
  ],
  sla: 'standard',
  notifications: [
    { on: 'ticket.created', template: 'ack', to: ['requester'] },
    { on: 'ticket.created', template: 'queue-new', to: ['queue', 'queue.manager'] },
    { on: 'ticket.resolved', template: 'resolved', to: ['requester'] },
  ],
});

const carol: Person = { name: 'Carol Network', email: 'carol@example.com' };
const dan: Person = { name: 'Dan Desk', email: 'dan@example.com', locale: 'en' };


const queue = (id: string, name: string, people: Person[], manager?: string): [string, Queue & { members: readonly Member[] }] => [
  id,
  { id, name: { en: name }, group: `${id}-team`, assignment: 'manual', ...(manager ? { manager } : {}), members: people.map((p) => ({ id: p.email, ...p })) },
];

const desk: DeskDirectory = {
  name: 'IT desk',
  url: 'https://desk.example.com/',
  queues: new Map([queue('first-line', 'First line', [dan]), queue('network', 'Network', [carol], 'net-boss@example.com')]),
  slaPolicies: new Map([['standard', standard]]),
  calendars: new Map(),
};

const templateStore: Record<string, TemplateSource> = {
  'en/ack': {
    subject: '[{{ticket.number}}] We have your report: {{ticket.title}}',
    body: 'Hello {{requester.name}}, {{ticket.priority}} due {{ticket.slaDue.resolution}}. {{links.ticket}}',
  },
  'cy/ack': { subject: '[{{ticket.number}}] Cawsom eich adroddiad: {{ticket.title}}', body: 'Helo {{requester.name}}. {{workflow.name}}' },
  'en/queue-new': { subject: '{{ticket.number}} in {{ticket.queue.name}}', body: 'For {{recipient.name}}: {{ticket.fields.details}}' },
  'en/resolved': { subject: 'Resolved', body: 'Done' },
};
const templates: TemplateLookup = (name, locale) => templateStore[`${locale}/${name}`];

const sam: Requester = { id: 'u-1', name: 'Sam Jones', email: 'sam@example.com', locale: 'cy', roles: ['requester'], groups: [] };
const now = new Date('2026-11-22T10:00:00Z');

const input = (overrides: Partial<IntakeInput> = {}): IntakeInput => ({
  workflow: { id: 'it-incident', versionId: 7, version: 3, definition },
  fields: { summary: '  VPN drops every hour  ', service: 'vpn', impact: 'everyone', urgency: 'high', details: 'Since <Monday>' },
  requester: sam,
  desk,
  templates,
  ticketId: 1042,
  now,
  ...overrides,
});

const accepted = (result: IntakeResult) => {
  if (!result.ok) throw new Error(`expected the submission to be accepted: ${JSON.stringify(result.problems)}`);
  return result;
};

describe('submit', () => {
  it('creates the ticket from a full submission', () => {
    const result = accepted(submit(input()));
    const fields = { summary: '  VPN drops every hour  ', service: 'vpn', impact: 'everyone', urgency: 'high', details: 'Since <Monday>' };
    const sla = {
      policy: 'standard',
      responseMinutes: 15,
      resolutionMinutes: 240,
      response: '2026-11-22T10:15:00.000Z',
      resolution: '2026-11-22T14:00:00.000Z',
    };
    expect(result.ticket).toEqual({
      id: 1042,
      number: 'INC-1042',
      workflowId: 'it-incident',
      workflowVersionId: 7,
      kind: 'incident',
      status: 'new',
      statusClass: 'new',
      title: 'VPN drops every hour',
      category: 'network',
      priority: 'P1',
      impact: 'everyone',
      urgency: 'high',
      queue: 'network',
      requesterId: 'u-1',
      fields,
      sla,
      createdAt: '2026-11-22T10:00:00.000Z',
    });
    expect(result.events[0]).toEqual({
      type: 'ticket.created',
      data: { workflow: 'it-incident', version: 3, fields, priority: 'P1', category: 'network', queue: 'network', matchedRules: [0, 1], sla },
    });
  });

  // The simulator relies on submit itself recording the version, not the service.
  it('records the workflow version the ticket was created under', () => {
    expect(accepted(submit(input())).ticket.workflowVersionId).toBe(7);
  });

  it('renders the ticket.created notifications, one per recipient in their locale', () => {
    const result = accepted(submit(input()));
    expect(result.notifications.map((n) => [n.template, n.recipient.email, n.locale, n.status])).toEqual([
      ['ack', 'sam@example.com', 'cy', 'pending'],
      ['queue-new', 'carol@example.com', 'en', 'pending'],
      ['queue-new', 'net-boss@example.com', 'en', 'pending'],
    ]);
    const [ack, toCarol] = result.notifications;
    expect(ack).toMatchObject({
      subject: '[INC-1042] Cawsom eich adroddiad: VPN drops every hour',
      text: 'Helo Sam Jones. Mae rhywbeth wedi torri',
    });
    expect(toCarol).toMatchObject({
      subject: 'INC-1042 in Network',
      text: 'For Carol Network: Since <Monday>',
      html: 'For Carol Network: Since &lt;Monday&gt;',
    });
    expect(result.events.slice(1)).toEqual([
      { type: 'notification.queued', data: { template: 'ack', locale: 'cy', to: 'sam@example.com', subject: ack!.subject } },
      { type: 'notification.queued', data: { template: 'queue-new', locale: 'en', to: 'carol@example.com', subject: 'INC-1042 in Network' } },
      { type: 'notification.queued', data: { template: 'queue-new', locale: 'en', to: 'net-boss@example.com', subject: 'INC-1042 in Network' } },
    ]);
  });

  it('gives templates the SLA due times and the ticket link', () => {
    const english = { ...sam, locale: 'en' };
    const result = accepted(submit(input({ requester: english })));
    expect(result.notifications[0]!.text).toBe(
      'Hello Sam Jones, P1 due 2026-11-22T14:00:00.000Z. https://desk.example.com/tickets/1042',
    );
  });

  test.each<[string, Record<string, unknown>, { priority: string; category: string; queue: string; matched: number[]; resolution: string }]>([
    ['everyone, high: P1 from the matrix', { impact: 'everyone', urgency: 'high' }, { priority: 'P1', category: 'network', queue: 'network', matched: [0, 1], resolution: '2026-11-22T14:00:00.000Z' }],
    ['the "*" row', { impact: 'me', urgency: 'high' }, { priority: 'P3', category: 'network', queue: 'network', matched: [1], resolution: '2026-11-24T10:00:00.000Z' }],
    ['the default urgency "low"', { impact: 'everyone' }, { priority: 'P4', category: 'network', queue: 'network', matched: [0, 1], resolution: '2026-11-27T10:00:00.000Z' }],
    ['a continue rule kept when the last rule sets only the queue', { service: 'other', impact: 'everyone', urgency: 'medium' }, { priority: 'P2', category: 'general', queue: 'first-line', matched: [0, 2], resolution: '2026-11-22T18:00:00.000Z' }],
  ])('prioritises, routes and sets due times: %s', (_name, fields, expected) => {
    const result = accepted(submit(input({ fields: { summary: 's', service: 'vpn', ...fields } })));
    expect({
      priority: result.ticket.priority,
      category: result.ticket.category,
      queue: result.ticket.queue,
      matched: result.events[0]!.data['matchedRules'],
      resolution: result.ticket.sla.resolution,
    }).toEqual(expected);
  });

  it('lets a categorise rule set the priority, which then drives the SLA', () => {
    const overriding: WorkflowDefinition = {
      ...definition,
      categorise: [{ when: { '==': [{ var: 'ticket.priority' }, 'P4'] }, set: { priority: 'P2', queue: 'first-line' } }, { when: true, set: { queue: 'first-line' } }],
    };
    const result = accepted(submit(input({ workflow: { id: 'it-incident', versionId: 7, version: 3, definition: overriding }, fields: { summary: 's', service: 'other' } })));
    expect(result.ticket.priority).toBe('P2');
    expect(result.ticket.sla.response).toBe('2026-11-22T10:30:00.000Z');
    expect(result.ticket.category).toBeNull();
  });

  it('drops hidden fields from ticket.fields, without requiring them', () => {
    const result = accepted(submit(input({ fields: { summary: 's', service: 'vpn', printer_id: 'PRN-1', on_behalf_of: 'kim@example.com' } })));
    expect(result.ticket.fields).toEqual({ summary: 's', service: 'vpn', urgency: 'low' });
  });

  it('shows fields by the requester\'s roles', () => {
    const agent: Requester = { ...sam, roles: ['agent'] };
    const result = accepted(submit(input({ requester: agent, fields: { summary: 's', service: 'vpn', on_behalf_of: 'kim@example.com' } })));
    expect(result.ticket.fields['on_behalf_of']).toBe('kim@example.com');
  });

  it('requires a field once a rule shows it', () => {
    expect(submit(input({ fields: { summary: 's', service: 'printer' } }))).toEqual({
      ok: false,
      problems: [{ path: 'fields.printer_id', message: 'is required' }],
    });
  });

  it('runs as a simulation with ticketId null', () => {
    const result = accepted(submit(input({ ticketId: null, requester: { ...sam, locale: 'en' } })));
    expect(result.ticket.id).toBeNull();
    expect(result.ticket.number).toBe('INC-new');
    expect(result.notifications[0]!.subject).toBe('[INC-new] We have your report: VPN drops every hour');
    expect(result.notifications[0]!.text).toMatch(/https:\/\/desk\.example\.com\/tickets\/$/);
  });

  it('still creates the ticket when a template is broken, with a failed notification', () => {
    const broken: TemplateLookup = (name, locale) => (name === 'queue-new' ? { subject: 'x', body: '{{> footer}}' } : templates(name, locale));
    const result = accepted(submit(input({ templates: broken })));
    expect(result.ticket.number).toBe('INC-1042');
    expect(result.notifications.map((n) => [n.template, n.status])).toEqual([
      ['ack', 'pending'],
      ['queue-new', 'failed'],
      ['queue-new', 'failed'],
    ]);
    expect(result.notifications[1]!.error).toMatch(/partials/);
    expect(result.events.map((e) => e.type)).toEqual(['ticket.created', 'notification.queued', 'notification.failed', 'notification.failed']);
    expect(result.events[2]!.data).toMatchObject({ template: 'queue-new', to: 'carol@example.com', subject: '', error: expect.stringMatching(/partials/) });
  });

  it('gives a failed notification for a template that does not exist', () => {
    const none: TemplateLookup = () => undefined;
    const result = accepted(submit(input({ templates: none })));
    expect(result.notifications.every((n) => n.status === 'failed' && n.error === `the template "${n.template}" does not exist`)).toBe(true);
  });

  it('returns every problem with the fields, and no ticket', () => {
    expect(submit(input({ fields: { service: 'fax', impact: 'all', colour: 'red', summary: 'x'.repeat(201) } }))).toEqual({
      ok: false,
      problems: [
        { path: 'fields.colour', message: 'is not a field of this form' },
        { path: 'fields.summary', message: 'must be at most 200 characters (it has 201)' },
        { path: 'fields.service', message: 'must be one of vpn, email, printer, other' },
        { path: 'fields.impact', message: 'must be one of me, team, everyone' },
      ],
    });
  });

  it('refuses fields that are not an object', () => {
    expect(submit(input({ fields: 'summary=x' }))).toEqual({ ok: false, problems: [{ path: 'fields', message: 'must be an object of field values' }] });
  });

  it('uses the workflow name as the title when the title field is empty', () => {
    const untitled: WorkflowDefinition = { ...definition, titleField: 'details' };
    const result = accepted(submit(input({ workflow: { id: 'it-incident', versionId: 7, version: 3, definition: untitled }, fields: { summary: 's', service: 'vpn' } })));
    expect(result.ticket.title).toBe('Something is broken');
  });

  it('refuses a submission routed to a queue that no longer exists', () => {
    const smaller: DeskDirectory = { ...desk, queues: new Map([queue('first-line', 'First line', [dan])]) };
    expect(submit(input({ desk: smaller }))).toEqual({
      ok: false,
      problems: [{ path: 'categorise', message: 'the workflow routes to the queue "network", which does not exist' }],
    });
  });

  it('refuses a submission whose SLA policy no longer exists', () => {
    expect(submit(input({ desk: { ...desk, slaPolicies: new Map() } }))).toEqual({
      ok: false,
      problems: [{ path: 'sla', message: 'the SLA policy "standard" does not exist' }],
    });
  });
});

describe('formatTicketNumber', () => {
  test.each<[WorkflowDefinition['kind'], number | null, string]>([
    ['incident', 1042, 'INC-1042'],
    ['request', 7, 'REQ-7'],
    ['change', 1, 'CHG-1'],
    ['problem', 99, 'PRB-99'],
    ['incident', null, 'INC-new'],
  ])('%s %j → %s', (kind, id, expected) => {
    expect(formatTicketNumber(kind, id)).toBe(expected);
  });
});

describe('ruleContext', () => {
  it('gives every rule the same vocabulary, with nulls for what is not known yet', () => {
    expect(ruleContext({ id: null, kind: 'incident' }, { a: 1 }, { ...sam, locale: undefined })).toEqual({
      fields: { a: 1 },
      ticket: {
        id: null,
        number: null,
        title: null,
        kind: 'incident',
        status: null,
        category: null,
        priority: null,
        queue: null,
        assignee: null,
        impact: null,
        urgency: null,
        createdAt: null,
        workflow: null,
      },
      requester: { id: 'u-1', email: 'sam@example.com', name: 'Sam Jones', locale: 'en', roles: ['requester'], groups: [] },
    });
  });
});
