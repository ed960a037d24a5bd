/**
 * A hierarchical escalation leaves a trace a manager cannot miss: the
 * manager's mail, an "Escalated to me" list with a count per queue, and the
 * flag on the ticket in every list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let agent: Client;
let manager: Client;
let flagged: { id: number; number: string };
let other: { id: number };

beforeAll(async () => {
  t = await startTestDesk();
  agent = await t.as('agent@example.com');
  manager = await t.as('manager@example.com');
  const requester = await t.as('requester@example.com');
  const submit = async (summary: string) =>
    (await requester.post('/api/workflows/it-incident/submissions', { fields: { summary, service: 'other', impact: 'team', urgency: 'medium', details: 'x' } })).body.ticket;
  flagged = await submit('Boardroom screen: supplier contract lapsed');
  other = await submit('Mouse double-clicks');
  const res = await agent.post(`/api/tickets/${flagged.id}/escalate`, { kind: 'hierarchical', reason: 'Needs a decision on the AV contract' });
  expect(res.status).toBe(200);
});
afterAll(() => t.close());

describe('escalated to me', () => {
  it("mails the queue's manager", async () => {
    const mail = await t.mail.waitFor((m) => m.to.includes('manager@example.com') && m.subject.includes(flagged.number) && m.subject.includes('Escalated'));
    expect(mail.text).toContain("flagged to you as the queue's manager");
  });

  it('lists only what was escalated to the manager, flagged', async () => {
    const page = (await manager.get('/api/tickets?escalated=me&state=active')).body;
    expect(page.items.map((x: { id: number }) => x.id)).toEqual([flagged.id]);
    expect(page.items[0].managerFlaggedAt).toEqual(expect.any(String));
    const everything = (await manager.get('/api/tickets?state=active')).body.items;
    expect(everything.find((x: { id: number }) => x.id === other.id).managerFlaggedAt).toBeNull();
  });

  it('counts it on the queue the manager manages', async () => {
    const firstLine = (await manager.get('/api/queues')).body.items.find((q: { id: string }) => q.id === 'first-line');
    expect(firstLine).toMatchObject({ manager: 'manager@example.com', escalated: 1 });
  });

  it('gives an agent who manages no queue an empty list', async () => {
    expect((await agent.get('/api/tickets?escalated=me')).body.items).toEqual([]);
  });

  it('drops out of the active list once resolved', async () => {
    const res = await manager.post(`/api/tickets/${flagged.id}/transitions`, { to: 'resolved', resolution: { code: 'solved', notes: 'Renewed the contract.' } });
    expect(res.status).toBe(200);
    expect((await manager.get('/api/tickets?escalated=me&state=active')).body.items).toEqual([]);
    expect((await manager.get('/api/queues')).body.items.find((q: { id: string }) => q.id === 'first-line').escalated).toBe(0);
  });
});
