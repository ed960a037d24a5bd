/**
 * Delivery through the outbox against a real SMTP server that goes down and
 * comes back, and a real webhook receiver: retried with back-off, nothing
 * lost, nothing sent twice; given-up messages wait as dead letters an admin
 * can see and retry; webhooks arrive signed.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign } from '../../server/channels/webhook.ts';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

const t0 = new Date('2026-11-23T09:00:00.000Z');
let now = t0;
const clock = () => now;
const later = (ms: number) => (now = new Date(now.getTime() + ms));
const incident = (summary: string) => ({ fields: { summary, service: 'other', impact: 'team', urgency: 'high', details: 'Nothing loads.' } });

describe('a mail server that is down for a while', () => {
  let t: TestDesk;
  let admin: Client;
  let requester: Client;
  const outboxFor = async (ticketId: number, template: string) =>
    (await admin.get('/api/admin/outbox?limit=200')).body.items.find((m: { ticketId: number; template: string }) => m.ticketId === ticketId && m.template === template);
  const acksTo = (number: string) => t.mail.messages.filter((m) => m.to.includes('requester@example.com') && m.subject.includes(number) && !m.subject.startsWith('SLA'));

  beforeAll(async () => {
    now = t0;
    t = await startTestDesk({ now: clock });
    [admin, requester] = await Promise.all([t.as('admin@example.com'), t.as('requester@example.com')]);
  });
  afterAll(() => t?.close());

  it('keeps the mail with the reason, retries it after a minute, and delivers it once when the server is back', async () => {
    t.mail.refuse(true);
    const { ticket } = (await requester.post('/api/workflows/it-incident/submissions', incident('Cannot reach payroll'))).body;
    await t.desk.dispatcher!.drain();
    expect(t.mail.refused).toBeGreaterThan(0);
    const waiting = await outboxFor(ticket.id, 'ack-requester');
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: new Date(t0.getTime() + 60_000).toISOString() });
    expect(waiting.lastError).toMatch(/451/);

    t.mail.refuse(false);
    await t.desk.dispatcher!.drain();
    expect(acksTo(ticket.number)).toHaveLength(0); // not before its time

    later(60_000);
    await t.desk.dispatcher!.drain();
    await t.desk.dispatcher!.drain();
    expect(acksTo(ticket.number)).toHaveLength(1);
    expect(await outboxFor(ticket.id, 'ack-requester')).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it('gives up after eight attempts, shows the dead letter to admins, and delivers it once when an admin retries', async () => {
    t.mail.refuse(true);
    const { ticket } = (await requester.post('/api/workflows/it-incident/submissions', incident('Phones dead'))).body;
    for (let attempt = 0; attempt < 8; attempt++) {
      await t.desk.dispatcher!.drain();
      later(61 * 60_000);
    }
    const dead = await outboxFor(ticket.id, 'ack-requester');
    expect(dead).toMatchObject({ status: 'failed', attempts: 8, nextAttemptAt: null });
    expect(dead.lastError).toMatch(/451/);
    const failed = (await admin.get('/api/admin/outbox?status=failed')).body.items.map((m: { id: number }) => m.id);
    expect(failed).toContain(dead.id);
    expect((await requester.post(`/api/admin/outbox/${dead.id}/retry`)).status).toBe(403);

    t.mail.refuse(false);
    const retried = await admin.post(`/api/admin/outbox/${dead.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'pending', attempts: 0 });
    await t.desk.dispatcher!.drain();
    expect(acksTo(ticket.number)).toHaveLength(1);
    expect(await outboxFor(ticket.id, 'ack-requester')).toMatchObject({ status: 'sent' });

    const again = await admin.post(`/api/admin/outbox/${dead.id}/retry`);
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain('only a failed message can be retried');
    expect((await admin.post('/api/admin/outbox/999999/retry')).status).toBe(404);
  });
});

describe('webhooks from escalation rules', () => {
  const secret = 'a-webhook-secret-for-tests';
  let t: TestDesk;
  let receiver: Server;
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  let answer = 200;

  beforeAll(async () => {
    now = t0;
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/desk-events`;
    t = await startTestDesk({ now: clock, env: { WEBHOOK_SECRET: secret, WEBHOOK_ALLOW_HOSTS: '127.0.0.1' } });
    const admin = await t.as('admin@example.com');
    const wf = JSON.parse(readFileSync(new URL('../../workflows/it-incident.json', import.meta.url), 'utf8'));
    wf.escalations.push({ id: 'no-first-reply', at: { clock: 'response' }, do: [{ note: 'Told the on-call pager' }, { webhook: { url: hook } }] });
    expect((await admin.put('/api/admin/workflows/it-incident/draft', wf)).status).toBe(200);
    expect((await admin.post('/api/admin/workflows/it-incident/publish', {})).status).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('posts a signed JSON body when the response target passes, retried until the receiver takes it', async () => {
    const requester = await t.as('requester@example.com');
    const { ticket } = (await requester.post('/api/workflows/it-incident/submissions', incident('VPN drops every hour'))).body;
    answer = 503;
    now = new Date(t0.getTime() + 30 * 60_000); // P2: first response due in 30 minutes
    await t.desk.escalations!.drain();
    await t.desk.dispatcher!.drain();
    expect(received).toHaveLength(1);

    answer = 200;
    later(60_000);
    await t.desk.dispatcher!.drain();
    expect(received).toHaveLength(2);
    const { headers, body } = received[1]!;
    expect(headers['x-deskwright-event']).toBe('escalation.fired');
    expect(headers['x-deskwright-signature']).toBe(sign(secret, String(headers['x-deskwright-timestamp']), body));
    expect(headers['x-deskwright-delivery']).toBe(received[0]!.headers['x-deskwright-delivery']);
    const payload = JSON.parse(body);
    expect(payload).toMatchObject({ event: 'escalation.fired', rule: 'no-first-reply', ticket: { id: ticket.id, number: ticket.number, priority: 'P2' } });
    expect(payload.sla.response.state).toBe('breached');
    expect(body).not.toContain('Told the on-call pager');

    // Delivered: nothing more arrives.
    later(3_600_000);
    await t.desk.dispatcher!.drain();
    expect(received).toHaveLength(2);
  });
});
