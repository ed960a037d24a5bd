/**
 * Escalation rules over a controllable clock, against real desks on one
 * SQLite file and a real SMTP server: a P2 incident is warned about at 80%
 * of its resolution target and escalated at 100%; a pause moves the due time
 * by exactly its length; a restart after hours of downtime fires what became
 * due once; two schedulers racing fire once.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { startDesk, type RunningDesk } from '../../server/desk.ts';
import { runEscalations } from '../../server/services/escalation.service.ts';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

const t0 = new Date('2026-11-23T09:00:00.000Z');
const minutes = (m: number) => new Date(t0.getTime() + m * 60_000);
let now = t0;
const clock = () => now;

const shipped = (id: string) => JSON.parse(readFileSync(new URL(`../../workflows/${id}.json`, import.meta.url), 'utf8'));
/** Impact "team", urgency "high": P2 — resolution due 480 minutes later on the 24×7 standard policy. */
const p2Incident = (summary: string) => ({ fields: { summary, service: 'other', impact: 'team', urgency: 'high', details: 'The shared drive is gone.' } });

async function publish(admin: Client, definition: unknown): Promise<void> {
  const id = (definition as { id: string }).id;
  const draft = await admin.put(`/api/admin/workflows/${id}/draft`, definition);
  expect(draft.status, JSON.stringify(draft.body)).toBe(200);
  expect((await admin.post(`/api/admin/workflows/${id}/publish`, {})).status).toBe(201);
}

/** Another desk process on the same database file, as after a restart or beside a second instance. */
function openSameFile(t: TestDesk): Promise<RunningDesk> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DESK_DB: t.dbFile, SMTP_URL: t.mail.url });
  return startDesk({ config, mode: 'demo', now: clock });
}

const firings = (desk: RunningDesk, ticketId: number) =>
  desk.context.db
    .selectFrom('ticket_events')
    .select('data')
    .where('ticket_id', '=', ticketId)
    .where('type', '=', 'escalation.fired')
    .orderBy('id')
    .execute()
    .then((rows) => rows.map((r) => (JSON.parse(r.data as string) as { rule: string }).rule));

describe('a P2 incident against its resolution target', () => {
  let t: TestDesk;
  let agent: Client;
  let manager: Client;
  let requester: Client;
  let ticket: { id: number; number: string };

  const pass = async () => {
    await t.desk.escalations!.drain();
    await t.desk.dispatcher!.drain();
  };
  const view = async (c: Client) => (await c.get(`/api/tickets/${ticket.id}`)).body;
  const mailsAbout = (subject: string) => t.mail.messages.filter((m) => m.subject.startsWith(subject) && m.subject.includes(ticket.number));

  beforeAll(async () => {
    now = t0;
    t = await startTestDesk({ now: clock });
    const admin = await t.as('admin@example.com');
    const wf = shipped('it-incident');
    // This desk sends breached first-line incidents to second line.
    wf.escalations[1].do.unshift({ setQueue: 'network' });
    await publish(admin, wf);
    [agent, manager, requester] = await Promise.all([t.as('agent@example.com'), t.as('manager@example.com'), t.as('requester@example.com')]);
    const created = await requester.post('/api/workflows/it-incident/submissions', p2Incident('Shared drive missing'));
    expect(created.body.ticket).toMatchObject({ priority: 'P2', queue: 'first-line', slaDue: { resolution: minutes(480).toISOString() } });
    ticket = created.body.ticket;
    const agentId = (await agent.get('/api/me')).body.user.id;
    expect((await agent.post(`/api/tickets/${ticket.id}/assign`, { agentId })).status).toBe(200);
  });
  afterAll(() => t?.close());

  it('is not warned about a minute before 80% of the target', async () => {
    now = minutes(383);
    await pass();
    expect((await view(manager)).events.filter((e: { type: string }) => e.type === 'escalation.fired')).toEqual([]);
    expect(mailsAbout('SLA warning')).toEqual([]);
  });

  it('warns its assignee and the queue manager at 80% (384 of 480 minutes), once', async () => {
    now = minutes(384);
    await pass();
    await t.mail.waitFor((m) => m.subject.startsWith('SLA warning') && m.to.includes('manager@example.com'));
    now = minutes(400);
    await pass();
    expect(mailsAbout('SLA warning').flatMap((m) => m.to).sort()).toEqual(['agent@example.com', 'manager@example.com']);
    const { events, sla } = await view(manager);
    expect(events.filter((e: { type: string }) => e.type === 'escalation.fired').map((e: { data: { rule: string } }) => e.data.rule)).toEqual(['resolution-warning']);
    expect(sla.resolution.state).toBe('warning');
  });

  it('at 100% moves the ticket to second line, notes why, and mails the manager', async () => {
    now = minutes(480);
    await pass();
    const breach = await t.mail.waitFor((m) => m.subject.startsWith('SLA breached') && m.to.includes('manager@example.com'));
    expect(breach.text).toContain(ticket.number);
    const { ticket: after, events, sla } = await view(manager);
    expect(after.queue).toBe('network');
    expect(sla.resolution.state).toBe('breached');
    const fired = events.filter((e: { type: string }) => e.type === 'escalation.fired');
    expect(fired.map((e: { data: { rule: string } }) => e.data.rule)).toEqual(['resolution-warning', 'resolution-breach']);
    expect(fired[1].data.actions[0]).toEqual({ setQueue: { from: 'first-line', to: 'network' } });
    expect(events.some((e: { type: string; data: { body?: string } }) => e.type === 'note.internal' && e.data.body?.includes('resolution target has passed'))).toBe(true);
  });

  it('shows the requester none of it: no escalations, no internal note', async () => {
    const { events } = await view(requester);
    expect(events.length).toBeGreaterThan(0);
    expect(events.map((e: { type: string }) => e.type)).not.toContain('escalation.fired');
    expect(events.map((e: { type: string }) => e.type)).not.toContain('note.internal');
  });

  it("threads the ticket's mails: each its own Message-ID, all referring to the ticket", async () => {
    const mine = t.mail.messages.filter((m) => m.subject.includes(ticket.number));
    expect(mine.length).toBeGreaterThanOrEqual(4);
    const root = `<deskwright.ticket.${ticket.id}@localhost>`;
    for (const m of mine) {
      expect(m.inReplyTo).toBe(root);
      expect(m.references).toEqual([root]);
    }
    expect(new Set(mine.map((m) => m.messageId)).size).toBe(mine.length);
  });
});

describe('a pause on the requester', () => {
  let t: TestDesk;
  beforeAll(async () => {
    now = t0;
    t = await startTestDesk({ now: clock, smtp: false });
  });
  afterAll(() => t?.close());

  it('moves the due time and the warning by exactly the time the ticket waited', async () => {
    const [agent, requester] = await Promise.all([t.as('agent@example.com'), t.as('requester@example.com')]);
    const { ticket } = (await requester.post('/api/workflows/it-incident/submissions', p2Incident('Printer jammed'))).body;
    now = minutes(60);
    expect((await agent.post(`/api/tickets/${ticket.id}/transitions`, { to: 'pending', comment: 'Which printer?' })).status).toBe(200);
    now = minutes(60 + 150);
    expect((await requester.post(`/api/tickets/${ticket.id}/comments`, { body: 'The one on floor 2' })).status).toBe(200);
    const after = (await agent.get(`/api/tickets/${ticket.id}`)).body;
    expect(after.ticket.statusClass).toBe('open');
    expect(after.ticket.slaDue.resolution).toBe(minutes(480 + 150).toISOString());
    // The 80% warning moves from minute 384 to minute 534.
    now = minutes(533);
    await t.desk.escalations!.drain();
    expect(await firings(t.desk, ticket.id)).toEqual([]);
    now = minutes(534);
    await t.desk.escalations!.drain();
    expect(await firings(t.desk, ticket.id)).toEqual(['resolution-warning']);
  });
});

describe('restarts and a second scheduler', () => {
  let t: TestDesk;
  const others: RunningDesk[] = [];
  beforeAll(async () => {
    now = t0;
    t = await startTestDesk({ now: clock });
  });
  afterAll(async () => {
    for (const d of others) await d.close().catch(() => {});
    await t?.close();
  });

  it('fires what became due while the desk was down, once, on start — and nothing again on the next start', async () => {
    const requester = await t.as('requester@example.com');
    const { ticket } = (await requester.post('/api/workflows/it-incident/submissions', p2Incident('Down for hours'))).body;
    await t.desk.close();
    // Three hours past the resolution target: warning, breach and the P1/P2 major breach (+120 min) are all due.
    now = minutes(480 + 180);
    const restarted = await openSameFile(t);
    others.push(restarted);
    await restarted.escalations!.drain();
    await restarted.dispatcher!.drain();
    expect(await firings(restarted, ticket.id)).toEqual(['resolution-warning', 'resolution-breach', 'major-breach']);
    const breachMails = () => t.mail.messages.filter((m) => m.subject.startsWith('SLA breached') && m.subject.includes(ticket.number)).length;
    // Breach: the manager; major breach: the first-line team (agent) and the manager.
    expect(breachMails()).toBe(3);
    await restarted.close();

    now = minutes(480 + 240);
    const again = await openSameFile(t);
    others.push(again);
    await again.escalations!.drain();
    await again.dispatcher!.drain();
    expect(await firings(again, ticket.id)).toEqual(['resolution-warning', 'resolution-breach', 'major-breach']);
    expect(breachMails()).toBe(3);
    await again.close();
  });

  it('fires once when two schedulers on the same file race for the same ticket', async () => {
    now = t0;
    const a = await openSameFile(t);
    const b = await openSameFile(t);
    others.push(a, b);
    const login = await fetch(`${a.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'requester@example.com', password: 'deskwright-demo' }),
    });
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const created = await fetch(`${a.url}/api/workflows/it-incident/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: a.url },
      body: JSON.stringify(p2Incident('Raced')),
    });
    const { ticket } = await created.json();
    now = minutes(384);
    const passes = await Promise.all([runEscalations(a.context), runEscalations(b.context), runEscalations(a.context), runEscalations(b.context)]);
    expect(passes.reduce((sum, p) => sum + p.fired, 0)).toBe(1);
    expect(await firings(a, ticket.id)).toEqual(['resolution-warning']);
    await Promise.all([a.dispatcher!.drain(), b.dispatcher!.drain()]);
    const warnings = t.mail.messages.filter((m) => m.subject.startsWith('SLA warning') && m.subject.includes(ticket.number));
    // Unassigned, so only the queue manager is warned — once.
    expect(warnings.map((m) => m.to)).toEqual([['manager@example.com']]);
  });
});
