/**
 * Approvals over HTTP with a fixed clock, against a real desk, SQLite file
 * and SMTP server: any-of-2 and all-of-2 steps, a condition that asks
 * nobody, a rejection the requester hears about, the one-click mail link
 * (once; forged, expired and other-step links refused), the requester never
 * approving their own request, and a timeout that reminds then escalates.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runApprovalTimeouts } from '../../server/approvals/approvals.service.ts';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

const t0 = new Date('2026-12-04T09:00:00.000Z');
const hours = (h: number) => new Date(t0.getTime() + h * 3_600_000);
let now = t0;

const shipped = () => JSON.parse(readFileSync(new URL('../../workflows/access-request.json', import.meta.url), 'utf8'));
const fields = (summary: string, level = 'admin') => ({
  fields: { summary, request_type: 'new-access', system: 'finance-system', access_level: level, manager_email: 'manager@example.com', urgency: 'medium' },
});

describe('approvals', () => {
  let t: TestDesk;
  let admin: Client, agent: Client, manager: Client, requester: Client, specialist: Client;

  const publish = async (id: string, approvals: unknown[], extra: Record<string, unknown> = {}) => {
    const wf = { ...shipped(), id, approvals, ...extra };
    const draft = await admin.put(`/api/admin/workflows/${id}/draft`, wf);
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    const published = await admin.post(`/api/admin/workflows/${id}/publish`, {});
    expect(published.status, JSON.stringify(published.body)).toBe(201);
  };
  const submit = async (c: Client, id: string, body = fields('Finance admin')) => {
    const res = await c.post(`/api/workflows/${id}/submissions`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.ticket as { id: number; number: string; status: string };
  };
  const ticketOf = async (id: number) => (await admin.get(`/api/tickets/${id}`)).body;
  const waiting = async (c: Client) => (await c.get('/api/approvals')).body.items as { id: number; ticket: { id: number }; step: string }[];
  const mine = async (c: Client, ticketId: number) => (await waiting(c)).filter((a) => a.ticket.id === ticketId);
  /** The one-click link mailed to `to` about the ticket, newest first. */
  const linkFor = async (to: string, number: string, subject = 'Your approval is needed') => {
    await t.desk.dispatcher!.drain();
    const mail = await t.mail.waitFor((m) => m.to.includes(to) && m.subject.includes(number) && m.subject.includes(subject));
    return /\/approve\/(\S+)/.exec(mail.text)![1]!;
  };

  beforeAll(async () => {
    t = await startTestDesk({ now: () => now });
    [admin, agent, manager, requester, specialist] = await Promise.all([
      t.as('admin@example.com'), t.as('agent@example.com'), t.as('manager@example.com'), t.as('requester@example.com'), t.as('specialist@example.com'),
    ]);
    await publish('approve-any', [{ id: 'desk-team', approvers: { group: 'service-desk' }, need: 'any' }]);
    await publish('approve-all', [{ id: 'desk-team', approvers: { group: 'service-desk' }, need: 'all' }]);
    await publish('approve-two-steps', [
      { id: 'manager', approvers: { manager: 'manager_email' } },
      { id: 'desk-team', approvers: { group: 'service-desk' }, need: 'all' },
    ]);
    await publish('approve-timeout', [
      { id: 'specialist', approvers: { person: 'specialist@example.com' }, timeout: { businessHours: 4, remindEveryHours: 2, then: 'escalate' } },
    ]);
    await publish('approve-admin-only', [{ id: 'manager', when: { '==': [{ var: 'fields.access_level' }, 'admin'] }, approvers: { manager: 'manager_email' } }]);
    await publish('approve-staff', [{ id: 'desk-team', approvers: { group: 'service-desk' } }], { audience: ['requester', 'agent'] });
  });
  afterAll(() => t?.close());

  it('refuses at publish an approval step naming a missing field or group, with its path', async () => {
    const wf = { ...shipped(), id: 'approve-bad', approvals: [{ id: 'x', approvers: { manager: 'boss' } }, { id: 'y', approvers: { group: 'nobody' }, need: 2 }] };
    const draft = await admin.put('/api/admin/workflows/approve-bad/draft', wf);
    const res = draft.status === 422 ? draft : await admin.post('/api/admin/workflows/approve-bad/publish', {});
    expect(res.status).toBe(422);
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['approvals[0].approvers.manager', 'approvals[1].approvers.group']));
  });

  it('any of 2: the ticket waits, one yes lets it go to work, and the other approver has nothing left', async () => {
    const ticket = await submit(requester, 'approve-any');
    expect((await ticketOf(ticket.id)).ticket).toMatchObject({ status: 'awaiting-approval', statusClass: 'pending-approval' });
    const [forManager] = await mine(manager, ticket.id);
    expect(await mine(agent, ticket.id)).toHaveLength(1);
    const res = await manager.post(`/api/approvals/${forManager!.id}/decision`, { decision: 'approve', comment: 'Fine by me' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.ticket).toMatchObject({ status: 'new', statusClass: 'new' });
    expect(await mine(agent, ticket.id)).toEqual([]);
    const { events } = await ticketOf(ticket.id);
    expect(events.find((e: { type: string }) => e.type === 'approval.decided').data).toMatchObject({ by: 'Mo Manager', decision: 'approved', comment: 'Fine by me' });
  });

  it('all of 2: one yes is not enough; the second, from the mail link, is', async () => {
    const ticket = await submit(requester, 'approve-all');
    const [forManager] = await mine(manager, ticket.id);
    await manager.post(`/api/approvals/${forManager!.id}/decision`, { decision: 'approve' });
    expect((await ticketOf(ticket.id)).ticket.statusClass).toBe('pending-approval');
    const token = await linkFor('agent@example.com', ticket.number);
    const page = await t.anonymous().get(`/api/approval-links/${token}`);
    expect(page.status).toBe(200);
    expect(page.body.approval).toMatchObject({ step: 'desk-team', status: 'waiting', ticket: { number: ticket.number, requester: 'Alex Requester' } });
    // Looking at the page decided nothing.
    expect((await ticketOf(ticket.id)).ticket.statusClass).toBe('pending-approval');
    const res = await t.anonymous().post(`/api/approval-links/${token}/decision`, { decision: 'approve' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.ticket.statusClass).toBe('new');
    // The link worked once.
    expect((await t.anonymous().post(`/api/approval-links/${token}/decision`, { decision: 'reject' })).status).toBe(409);
  });

  it('asks nobody when the condition does not hold', async () => {
    const ticket = await submit(requester, 'approve-admin-only', fields('Read the ledger', 'read'));
    expect(ticket.status).toBe('new');
    expect(await mine(manager, ticket.id)).toEqual([]);
    expect((await ticketOf(ticket.id)).events.map((e: { type: string }) => e.type)).not.toContain('approval.requested');
  });

  it('a rejection closes the request and tells the requester why', async () => {
    const ticket = await submit(requester, 'approve-admin-only');
    const token = await linkFor('manager@example.com', ticket.number);
    const res = await t.anonymous().post(`/api/approval-links/${token}/decision`, { decision: 'reject', comment: 'Read access is enough' });
    expect(res.body.ticket.statusClass).toBe('closed');
    await t.desk.dispatcher!.drain();
    const told = await t.mail.waitFor((m) => m.to.includes('requester@example.com') && m.subject.includes(`[${ticket.number}] Not approved`));
    expect(told.text).toContain('Read access is enough');
  });

  it('refuses a forged link and a link for a step already decided, which cannot decide the next step', async () => {
    const ticket = await submit(requester, 'approve-two-steps');
    const token = await linkFor('manager@example.com', ticket.number);
    const forged = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    expect((await t.anonymous().post(`/api/approval-links/${forged}/decision`, { decision: 'approve' })).body.code).toBe('bad-link');
    expect((await t.anonymous().get('/api/approval-links/not-a-link')).status).toBe(403);
    expect((await t.anonymous().post(`/api/approval-links/${token}/decision`, { decision: 'approve' })).status).toBe(200);
    // Step 2 asks the desk team, the manager among them; the step-1 link stays spent.
    expect((await mine(manager, ticket.id)).map((a) => a.step)).toEqual(['desk-team']);
    const again = await t.anonymous().post(`/api/approval-links/${token}/decision`, { decision: 'approve' });
    expect(again.status).toBe(409);
    expect((await ticketOf(ticket.id)).ticket.statusClass).toBe('pending-approval');
  });

  it('the requester is never asked to approve their own request', async () => {
    const ticket = await submit(agent, 'approve-staff');
    expect(await mine(agent, ticket.id)).toEqual([]);
    const [forManager] = await mine(manager, ticket.id);
    expect((await agent.post(`/api/approvals/${forManager!.id}/decision`, { decision: 'approve' })).status).toBe(404);
    expect((await ticketOf(ticket.id)).ticket.statusClass).toBe('pending-approval');
  });

  it('a timeout reminds the approver after 2 hours, then asks the queue manager at 4', async () => {
    now = t0;
    const ticket = await submit(requester, 'approve-timeout');
    now = hours(1);
    await runApprovalTimeouts(t.desk.context);
    await t.desk.dispatcher!.drain();
    expect(t.mail.messages.filter((m) => m.subject.includes(ticket.number) && m.subject.includes('Reminder'))).toEqual([]);
    now = hours(2);
    await runApprovalTimeouts(t.desk.context);
    await linkFor('specialist@example.com', ticket.number, 'Reminder');
    expect(await mine(manager, ticket.id)).toEqual([]);
    now = hours(4);
    await runApprovalTimeouts(t.desk.context);
    const token = await linkFor('manager@example.com', ticket.number);
    const types = (await ticketOf(ticket.id)).events.map((e: { type: string }) => e.type);
    expect(types.filter((x: string) => x.startsWith('approval.'))).toEqual(['approval.requested', 'approval.reminded', 'approval.escalated']);
    expect((await t.anonymous().post(`/api/approval-links/${token}/decision`, { decision: 'approve' })).body.ticket.statusClass).toBe('new');
    expect(await mine(specialist, ticket.id)).toEqual([]);
  });

  it('the shipped access request asks the manager before admin-level access, not before read access', async () => {
    const admin = await submit(requester, 'access-request', fields('Finance admin'));
    expect(admin.status).toBe('awaiting-approval');
    expect((await mine(manager, admin.id)).map((a) => a.step)).toEqual(['manager']);
    const read = await submit(requester, 'access-request', fields('Finance read', 'read'));
    expect(read.status).toBe('new');
  });

  it('refuses an expired link', async () => {
    now = t0;
    const ticket = await submit(requester, 'approve-any');
    const token = await linkFor('agent@example.com', ticket.number);
    now = hours(15 * 24);
    const res = await t.anonymous().post(`/api/approval-links/${token}/decision`, { decision: 'approve' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('link-expired');
  });
});
