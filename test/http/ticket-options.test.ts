/**
 * GET /api/tickets/{id}/options: what the ticket screens need, as each role
 * may see it: staff get the actions open to them now, the requester only
 * labels and names, and anyone else a 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let requester: Client;
let agent: Client;
let specialist: Client;
let ids: Record<string, string>;
let ticket: { id: number; number: string };

beforeAll(async () => {
  t = await startTestDesk({ smtp: false });
  requester = await t.as('requester@example.com');
  agent = await t.as('agent@example.com');
  specialist = await t.as('specialist@example.com');
  const me = async (c: Client) => (await c.get('/api/me')).body.user.id as string;
  ids = { requester: await me(requester), agent: await me(agent) };
  const res = await requester.post('/api/workflows/it-incident/submissions', {
    fields: { summary: 'Cannot print', service: 'other', impact: 'me', urgency: 'low', details: 'Nothing comes out.' },
  });
  expect(res.status).toBe(201);
  ticket = res.body.ticket;
});
afterAll(() => t.close());

describe('GET /api/tickets/{id}/options', () => {
  it('gives first line the next states with what each requires, where it may escalate, and who can take it', async () => {
    const res = await agent.get(`/api/tickets/${ticket.id}/options`);
    expect(res.status).toBe(200);
    expect(res.body.as).toBe('staff');
    expect(res.body.workflow).toMatchObject({ id: 'it-incident', name: { en: 'Something is broken' } });
    expect(res.body.workflow.form.fields.map((f: any) => f.key)).toContain('printer_id');
    expect(res.body.states.map((s: any) => s.id)).toEqual(['new', 'open', 'pending', 'resolved', 'closed']);
    expect(res.body.transitions).toEqual([
      { id: 'open', class: 'open', label: { en: 'Open', cy: 'Agored' }, requires: [] },
      expect.objectContaining({ id: 'pending', requires: ['comment'] }),
      expect.objectContaining({ id: 'resolved', requires: ['resolution.code', 'resolution.notes'] }),
    ]);
    expect(res.body.resolutionCodes.map((c: any) => c.value)).toContain('solved');
    expect(res.body.escalateTo.map((q: any) => q.id)).toEqual(['network', 'end-user-devices', 'identity']);
    expect(res.body.canEscalateToManager).toBe(true);
    expect(res.body.assignees).toContainEqual({ id: ids.agent, name: 'Sam Agent', email: 'agent@example.com' });
    expect(res.body.people).toContainEqual({ id: ids.requester, name: 'Alex Requester', email: 'requester@example.com' });
    expect(res.body.queues).toContainEqual({ id: 'network', name: { en: 'Network', cy: 'Rhwydwaith' } });
  });

  it("offers the category's second-line queue first in Escalate to", async () => {
    const laptop = await requester.post('/api/workflows/it-incident/submissions', {
      fields: { summary: 'Laptop fan grinding', service: 'laptop', impact: 'me', urgency: 'medium', details: 'Loud since Monday.' },
    });
    expect(laptop.body.ticket).toMatchObject({ queue: 'first-line', category: 'hardware' });
    const res = await agent.get(`/api/tickets/${laptop.body.ticket.id}/options`);
    expect(res.body.escalateTo.map((q: any) => q.id)).toEqual(['end-user-devices', 'network', 'identity']);
  });

  it('gives the requester labels and names but no actions and no e-mail addresses', async () => {
    const res = await requester.get(`/api/tickets/${ticket.id}/options`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ as: 'requester', transitions: [], escalateTo: [], assignees: [], canEscalateToManager: false, queues: [] });
    expect(res.body.people).toContainEqual({ id: ids.requester, name: 'Alex Requester' });
    expect(JSON.stringify(res.body.people)).not.toContain('@');
  });

  it('shows a group that escalated the ticket away that it can follow but not work it', async () => {
    const esc = await agent.post(`/api/tickets/${ticket.id}/escalate`, { kind: 'functional', queue: 'network', reason: 'Print server on the network' });
    expect(esc.status).toBe(200);
    const theirs = await agent.get(`/api/tickets/${ticket.id}/options`);
    expect(theirs.body).toMatchObject({ as: 'follower', transitions: [], assignees: [] });
    const second = await specialist.get(`/api/tickets/${ticket.id}/options`);
    expect(second.body.as).toBe('staff');
    expect(second.body.escalateTo.map((q: any) => q.id)).toEqual(['end-user-devices', 'identity']);
    expect(second.body.assignees.map((p: any) => p.name)).toContain('Nia Specialist');
  });

  it('is 404 for a ticket the caller may not see (second line before an escalation), and 401 without signing in', async () => {
    const firstLine = await requester.post('/api/workflows/it-incident/submissions', {
      fields: { summary: 'Another one', service: 'other', impact: 'me', urgency: 'low', details: 'x' },
    });
    expect((await specialist.get(`/api/tickets/${firstLine.body.ticket.id}/options`)).status).toBe(404);
    expect((await requester.get('/api/tickets/999999/options')).status).toBe(404);
    expect((await t.anonymous().get(`/api/tickets/${ticket.id}/options`)).status).toBe(401);
  });

  it('gives each next state the requirements of the transition the desk would take, when two lead there', async () => {
    const admin = await t.as('admin@example.com');
    const exported = (await admin.get('/api/admin/workflows/it-incident/export')).body;
    const staff = ['agent', 'specialist', 'manager', 'admin'];
    // Resolving an assigned ticket needs the usual resolution; resolving one nobody holds must also say why.
    const lifecycle = {
      states: [
        { id: 'new', class: 'new' }, { id: 'open', class: 'open' }, { id: 'resolved', class: 'resolved' }, { id: 'closed', class: 'closed' },
      ],
      transitions: [
        { from: ['new', 'open'], to: 'resolved', roles: staff, when: { '!=': [{ var: 'ticket.assignee' }, null] }, requires: ['resolution.code', 'resolution.notes'] },
        { from: ['new', 'open'], to: 'resolved', roles: staff, requires: ['resolution.code', 'resolution.notes', 'comment'] },
        { from: ['resolved'], to: 'closed', roles: staff },
        { from: ['new'], to: 'open', roles: staff },
      ],
    };
    expect((await admin.post('/api/admin/workflows/import', { ...exported, id: 'two-ways', name: { en: 'Two ways to resolve' }, lifecycle })).status).toBe(200);
    expect((await admin.post('/api/admin/workflows/two-ways/publish', {})).status).toBe(201);
    const made = await requester.post('/api/workflows/two-ways/submissions', {
      fields: { summary: 'Two ways', service: 'other', impact: 'me', urgency: 'low', details: 'x' },
    });
    expect(made.status).toBe(201);
    const path = `/api/tickets/${made.body.ticket.id}`;
    const requires = async () => Object.fromEntries((await agent.get(`${path}/options`)).body.transitions.map((s: any) => [s.id, s.requires]));

    expect(await requires()).toEqual({ open: [], resolved: ['resolution.code', 'resolution.notes', 'comment'] });
    const unassigned = await agent.post(`${path}/transitions`, { to: 'resolved', resolution: { code: 'solved', notes: 'Restarted the spooler' } });
    expect([unassigned.status, unassigned.body.errors?.map((e: any) => e.path)]).toEqual([422, ['comment']]);

    expect((await agent.post(`${path}/assign`, { agentId: ids.agent })).status).toBe(200);
    expect((await requires()).resolved).toEqual(['resolution.code', 'resolution.notes']);
    const assigned = await agent.post(`${path}/transitions`, { to: 'resolved', resolution: { code: 'solved', notes: 'Restarted the spooler' } });
    expect(assigned.status).toBe(200);
  });
});
