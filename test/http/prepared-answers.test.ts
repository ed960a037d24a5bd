/**
 * Prepared answers over HTTP: an admin writes one per language, checked like
 * a notification template; an agent finds it by its words and gets it back
 * with the ticket's variables filled in, in the requester's language; a
 * group's answer is for that group only; nothing reaches a requester.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let admin: Client;
let agent: Client;
let requester: Client;
let ticket: { id: number; number: string };

beforeAll(async () => {
  t = await startTestDesk({ smtp: false });
  admin = await t.as('admin@example.com');
  agent = await t.as('agent@example.com');
  requester = await t.as('requester@example.com');
  const res = await requester.post('/api/workflows/it-incident/submissions', { fields: { summary: 'VPN drops every hour', service: 'other', impact: 'me', urgency: 'low', details: 'Since Monday.' } });
  expect(res.status).toBe(201);
  ticket = res.body.ticket;
});
afterAll(() => t.close());

describe('a prepared answer', () => {
  let id: number;

  it('renders the ticket\'s variables in the requester\'s language', async () => {
    const created = await admin.post('/api/admin/prepared-answers', {
      name: 'VPN reconnect',
      texts: { en: 'Hello {{requester.name}}, about {{ticket.number}}: please reconnect the VPN.', cy: 'Helo {{requester.name}}, ynglŷn â {{ticket.number}}.' },
    });
    expect(created.status).toBe(201);
    id = created.body.answer.id;

    const found = await agent.get('/api/prepared-answers?q=vpn%20recon');
    expect(found.body.items.map((a: { name: string }) => a.name)).toEqual(['VPN reconnect']);
    expect((await agent.get('/api/prepared-answers?q=printer')).body.items).toEqual([]);

    const rendered = await agent.post(`/api/prepared-answers/${id}/render`, { ticketId: ticket.id });
    expect(rendered.status).toBe(200);
    expect(rendered.body).toEqual({ locale: 'en', text: `Hello Alex Requester, about ${ticket.number}: please reconnect the VPN.` });

    expect((await requester.request('PATCH', '/api/me', { locale: 'cy' })).status).toBe(200);
    const welsh = await agent.post(`/api/prepared-answers/${id}/render`, { ticketId: ticket.id });
    expect(welsh.body).toEqual({ locale: 'cy', text: `Helo Alex Requester, ynglŷn â ${ticket.number}.` });
  });

  it('is refused at save time when its template is not safe or not valid, with the path and line', async () => {
    const bad = await admin.post('/api/admin/prepared-answers', { name: 'Bad', texts: { en: 'ok', ro: 'Salut {{#each}}' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('texts.ro');
    expect(bad.body.errors[0].message).toMatch(/^line 1, column \d+/);
    const proto = await admin.post('/api/admin/prepared-answers', { name: 'Proto', texts: { en: "{{constructor.constructor 'alert(1)'}}" } });
    expect(proto.status).toBe(422);
    expect(proto.body.errors[0].path).toBe('texts.en');
  });

  it('for a group is for its members only', async () => {
    const created = await admin.post('/api/admin/prepared-answers', { name: 'Network escalation', group: 'network-team', texts: { en: 'Passed to the network team.' } });
    expect(created.status).toBe(201);
    expect((await agent.get('/api/prepared-answers?q=network')).body.items).toEqual([]);
    expect((await agent.post(`/api/prepared-answers/${created.body.answer.id}/render`, { ticketId: ticket.id })).status).toBe(404);
    const specialist = await t.as('specialist@example.com');
    expect((await specialist.get('/api/prepared-answers?q=network')).body.items.map((a: { name: string }) => a.name)).toEqual(['Network escalation']);
    const unknown = await admin.post('/api/admin/prepared-answers', { name: 'X', group: 'no-such-group', texts: { en: 'x' } });
    expect(unknown.body.errors).toEqual([{ path: 'group', message: '"no-such-group" is not a group' }]);
  });

  it('never reaches a requester, nor renders for a ticket the agent does not work', async () => {
    expect((await requester.get('/api/prepared-answers')).status).toBe(403);
    expect((await requester.post(`/api/prepared-answers/${id}/render`, { ticketId: ticket.id })).status).toBe(403);
    expect((await agent.post(`/api/prepared-answers/${id}/render`, { ticketId: 999_999 })).status).toBe(404);
  });

  it('keeps its row version', async () => {
    const list = (await admin.get('/api/admin/prepared-answers')).body.items as { id: number; rowVersion: number }[];
    const current = list.find((a) => a.id === id)!;
    const body = { name: 'VPN reconnect', group: null, texts: { en: 'Hi {{requester.name}}' }, rowVersion: current.rowVersion };
    expect((await admin.put(`/api/admin/prepared-answers/${id}`, body)).status).toBe(200);
    expect((await admin.put(`/api/admin/prepared-answers/${id}`, body)).status).toBe(409);
    expect((await admin.request('DELETE', `/api/admin/prepared-answers/${id}`)).status).toBe(204);
    expect((await agent.get('/api/prepared-answers?q=vpn')).body.items).toEqual([]);
  });
});
