/**
 * A requester submits the shipped workflows over real HTTP: the ticket lands
 * categorised, prioritised and routed with SLA due times, and the
 * acknowledgement reaches a real SMTP server.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import { businessMinutesBetween } from '../../server/engine/calendar/business-time.ts';
import { deskSettings } from '../../server/engine/desk/desk.schema.ts';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let requester: Client;

beforeAll(async () => {
  t = await startTestDesk();
  requester = await t.as('requester@example.com');
});
afterAll(() => t.close());

const shippedDesk = deskSettings.parse(JSON.parse(readFileSync(new URL('../../workflows/desk.json', import.meta.url), 'utf8')));
const ukOffice = shippedDesk.calendars.find((c) => c.id === 'uk-office')!;
/** Minutes between two instants, counted on the policy's calendar (service requests run on UK office hours). */
const minutesBetween = (workflow: string, a: string, b: string) =>
  workflow === 'service-request' ? businessMinutesBetween(ukOffice, new Date(a), new Date(b)) : (Date.parse(b) - Date.parse(a)) / 60_000;

describe('each shipped workflow routes a realistic submission', () => {
  test.each([
    {
      workflow: 'it-incident',
      fields: { summary: 'VPN drops every few minutes', service: 'vpn', impact: 'team', urgency: 'high', details: 'Since the update this morning.' },
      expected: { queue: 'first-line', category: 'network', priority: 'P2', kind: 'incident' },
      sla: { response: 30, resolution: 480 },
    },
    {
      workflow: 'it-incident',
      fields: { summary: 'Office printer jammed for everyone', service: 'printer', printer_id: 'PRN-2F-01', impact: 'everyone', urgency: 'high', details: 'Paper jam light on, nobody can print.' },
      expected: { queue: 'first-line', category: 'hardware', priority: 'P1', kind: 'incident' },
      sla: { response: 15, resolution: 240 },
    },
    {
      // Major: the whole office offline and nobody can work goes straight to second line.
      workflow: 'it-incident',
      fields: { summary: 'Wi-Fi down in the whole office', service: 'wifi', impact: 'everyone', urgency: 'high', details: 'No access point answers since 8am.' },
      expected: { queue: 'network', category: 'network', priority: 'P1', kind: 'incident' },
      sla: { response: 15, resolution: 240 },
    },
    {
      workflow: 'it-incident',
      fields: { summary: 'Calendar colours look odd', service: 'other', impact: 'me', urgency: 'low', details: 'Not urgent.' },
      expected: { queue: 'first-line', category: 'general', priority: 'P4', kind: 'incident' },
      sla: { response: 480, resolution: 7200 },
    },
    {
      workflow: 'service-request',
      fields: { summary: 'Need Visio', item: 'software-licence', software_name: 'Microsoft Visio', business_reason: 'Network diagrams for the audit', urgency: 'medium', cost_centre: 'CC-4410' },
      expected: { queue: 'first-line', category: 'software', priority: 'P3', kind: 'request' },
      sla: { response: 240, resolution: 1620 },
    },
    {
      workflow: 'service-request',
      fields: { summary: 'Second monitor', item: 'monitor', business_reason: 'Working with large spreadsheets', needed_by: '2026-12-01' },
      expected: { queue: 'first-line', category: 'hardware', priority: 'P4', kind: 'request' },
      sla: { response: 540, resolution: 2700 },
    },
    {
      workflow: 'access-request',
      fields: { summary: 'Locked out of e-mail', request_type: 'account-unlock', system: 'email', urgency: 'high' },
      expected: { queue: 'first-line', category: 'account', priority: 'P3', kind: 'request' },
      sla: { response: 240, resolution: 2880 },
    },
    {
      workflow: 'access-request',
      fields: { summary: 'Finance system access', request_type: 'new-access', system: 'finance-system', access_level: 'read', manager_email: 'boss@example.com', urgency: 'low' },
      expected: { queue: 'first-line', category: 'access-sensitive', priority: 'P4', kind: 'request' },
      sla: { response: 480, resolution: 7200 },
    },
  ])('$workflow: "$fields.summary" → $expected.queue, $expected.priority', async ({ workflow, fields, expected, sla }) => {
    const res = await requester.post(`/api/workflows/${workflow}/submissions`, { fields });
    expect(res.status).toBe(201);
    const ticket = res.body.ticket;
    expect(ticket).toMatchObject({ ...expected, status: 'new', workflowId: workflow });
    expect(ticket.number).toMatch(/^(INC|REQ)-\d+$/);
    expect(minutesBetween(workflow, ticket.createdAt, ticket.slaDue.response)).toBe(sla.response);
    expect(minutesBetween(workflow, ticket.createdAt, ticket.slaDue.resolution)).toBe(sla.resolution);
    expect(ticket.slaPolicy).toBe(workflow === 'service-request' ? 'office-hours' : 'standard');

    const read = await requester.get(`/api/tickets/${ticket.id}`);
    expect(read.status).toBe(200);
    expect(read.body.ticket).toEqual(ticket);
    expect(read.body.events.map((e: { type: string }) => e.type)).toEqual(['ticket.created']);
  });
});

describe('a bad submission', () => {
  it('gets 422 problem+json listing every bad field by path, and writes nothing', async () => {
    const before = (await requester.get('/api/tickets?mine=1&limit=100')).body.items.length;
    const res = await requester.post('/api/workflows/it-incident/submissions', {
      fields: { service: 'printer', impact: 'galaxy', urgency: 'high', asset_tag: 'nope', details: 'x'.repeat(10_001), colour: 'red' },
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('validation');
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    // asset_tag is hidden for printers, so it is dropped, not judged.
    expect(paths).toEqual(['fields.colour', 'fields.details', 'fields.impact', 'fields.printer_id', 'fields.summary'].sort());
    expect(res.body.errors.find((e: { path: string }) => e.path === 'fields.impact').message).toBe('must be one of me, team, everyone');
    expect((await requester.get('/api/tickets?mine=1&limit=100')).body.items.length).toBe(before);
  });

  it('without a fields object is refused at the body path', async () => {
    const res = await requester.post('/api/workflows/it-incident/submissions', { field: {} });
    expect(res.status).toBe(422);
    expect(res.body.errors).toContainEqual({ path: 'fields', message: 'is required' });
  });

  it('to a workflow that does not exist is a 404', async () => {
    const res = await requester.post('/api/workflows/no-such-form/submissions', { fields: {} });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not-found');
  });
});

describe('notifications', () => {
  it("delivers the requester's acknowledgement with the rendered subject, and tells the queue's group", async () => {
    const res = await requester.post('/api/workflows/it-incident/submissions', {
      fields: { summary: 'Wi-Fi on floor 3 is down', service: 'wifi', impact: 'everyone', urgency: 'medium', details: 'No access points visible.' },
    });
    expect(res.status).toBe(201);
    const { number } = res.body.ticket;
    const ack = await t.mail.waitFor((m) => m.to.includes('requester@example.com') && m.subject.includes(number));
    expect(ack.subject).toBe(`[${number}] We have your report: Wi-Fi on floor 3 is down`);
    expect(ack.text).toContain('Alex Requester');
    expect(ack.text).toContain(`/tickets/${res.body.ticket.id}`);
    // Every ticket starts in first line, worked by the service desk: the first-line agent is told, not the network team.
    const toQueue = await t.mail.waitFor((m) => m.to.includes('agent@example.com') && m.subject.includes(number));
    expect(toQueue.subject).toBe(`[${number}] New P2 in First line: Wi-Fi on floor 3 is down`);
  });

  it('records a notification that cannot be rendered as failed and still delivers the others', async () => {
    // A template broken behind the desk's back (e.g. by an older version), not through the API.
    // Like every write to settings, it bumps the settings revision so cached copies are dropped.
    t.desk.database.sqlite.prepare("UPDATE templates SET body = '{{#if}}broken' WHERE name = 'new-ticket-queue'").run();
    t.desk.database.sqlite.prepare("UPDATE counters SET value = value + 1 WHERE name = 'settings'").run();
    const res = await requester.post('/api/workflows/it-incident/submissions', {
      fields: { summary: 'Broken template canary', service: 'email', impact: 'me', urgency: 'low', details: 'x' },
    });
    expect(res.status).toBe(201);
    const { number, id } = res.body.ticket;
    await t.mail.waitFor((m) => m.to.includes('requester@example.com') && m.subject.includes(number));
    const admin = await t.as('admin@example.com');
    const outbox = (await admin.get('/api/admin/outbox?limit=200')).body.items.filter((m: { ticketId: number }) => m.ticketId === id);
    expect(outbox.find((m: { template: string }) => m.template === 'new-ticket-queue')).toMatchObject({ status: 'failed' });
    expect(outbox.find((m: { template: string }) => m.template === 'new-ticket-queue').lastError).toMatch(/^body 1:14: the template cannot be read here: found the end of the template/);
    const events = (await admin.get(`/api/tickets/${id}`)).body.events.map((e: { type: string }) => e.type);
    expect(events).toContain('notification.failed');
    expect(events).toContain('notification.queued');
  });
});

describe('idempotency', () => {
  it('makes one ticket for concurrent submissions with the same Idempotency-Key', async () => {
    const fields = { summary: 'Double-clicked submit', service: 'laptop', impact: 'me', urgency: 'low', details: 'Oops' };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => requester.post('/api/workflows/it-incident/submissions', { fields }, { 'idempotency-key': 'click-42' })),
    );
    const ids = new Set(results.map((r) => r.body.ticket.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(4);
  });
});
