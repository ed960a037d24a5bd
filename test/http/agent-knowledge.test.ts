/**
 * The agent's side of knowledge over HTTP: the ticket page suggests the
 * matching articles (internal too, in the ticket's language) and similar
 * resolved tickets, best first; requesters never get suggestions; resolving
 * with an article records it on the ticket and counts it; a resolution
 * saved as a new article becomes a draft an admin reviews.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let admin: Client;
let agent: Client;
let specialist: Client;
let manager: Client;
let requester: Client;
const article: Record<string, number> = {};

const incident = (summary: string, details: string) => ({ fields: { summary, service: 'other', impact: 'me', urgency: 'medium', details } });

async function submit(summary: string, details: string): Promise<{ id: number; number: string }> {
  const res = await requester.post('/api/workflows/it-incident/submissions', incident(summary, details));
  expect(res.status).toBe(201);
  return res.body.ticket;
}

async function resolve(id: number, notes: string, extra: Record<string, unknown> = {}) {
  return agent.post(`/api/tickets/${id}/transitions`, { to: 'resolved', resolution: { code: 'solved', notes, ...extra } });
}

async function publish(audience: 'public' | 'internal', translations: Record<string, { title: string; body: string }>) {
  const created = await admin.post('/api/admin/knowledge/articles', { category: 'network', audience, translations });
  expect(created.status).toBe(201);
  const res = await admin.post(`/api/admin/knowledge/articles/${created.body.article.id}/status`, { status: 'published', rowVersion: 1 });
  expect(res.status).toBe(200);
  return created.body.article.id as number;
}

beforeAll(async () => {
  t = await startTestDesk({ smtp: false });
  admin = await t.as('admin@example.com');
  agent = await t.as('agent@example.com');
  specialist = await t.as('specialist@example.com');
  manager = await t.as('manager@example.com');
  requester = await t.as('requester@example.com');
  article.token = await publish('public', {
    en: { title: 'Your VPN token is rejected', body: 'When the VPN rejects your token after a password change, resync the token in the GlobalConnect client.' },
    cy: { title: "Mae'r VPN yn gwrthod eich tocyn", body: 'Pan fydd y VPN yn gwrthod eich token, ail-gysonwch y token yn GlobalConnect.' },
  });
  article.runbook = await publish('internal', { en: { title: 'VPN concentrator failover runbook', body: 'Fail the VPN concentrator over to the standby when tokens are rejected for everyone.' } });
  article.toner = await publish('public', { en: { title: 'Replace the printer toner', body: 'Open the front panel and swap the toner cartridge.' } });
  const draft = await admin.post('/api/admin/knowledge/articles', { audience: 'internal', translations: { en: { title: 'VPN token draft', body: 'VPN token rejected: not reviewed yet.' } } });
  article.draft = draft.body.article.id;
});
afterAll(() => t.close());

describe('suggestions on the ticket page', () => {
  let current: { id: number };
  let vpnDone: { id: number; number: string };
  let printerDone: { id: number };
  let vpnOpen: { id: number };

  beforeAll(async () => {
    vpnDone = await submit('VPN token rejected after my password change', 'GlobalConnect says the token is invalid.');
    printerDone = await submit('Printer prints blank pages', 'The printer on floor 2 prints nothing.');
    vpnOpen = await submit('VPN token rejected on my second laptop', 'Same token problem.');
    expect((await resolve(vpnDone.id, 'Resynced the VPN token in GlobalConnect.')).status).toBe(200);
    expect((await resolve(printerDone.id, 'Replaced the toner.')).status).toBe(200);
    current = await submit('My VPN token is rejected', 'Since this morning the VPN rejects my token.');
  });

  it('ranks the matching articles first, internal ones too, published only', async () => {
    const res = await agent.get(`/api/tickets/${current.id}/suggestions`);
    expect(res.status).toBe(200);
    const ids = res.body.articles.map((a: { id: number }) => a.id);
    expect(ids.slice(0, 2).sort()).toEqual([article.token, article.runbook].sort());
    expect(ids[0]).toBe(article.token);
    expect(ids).not.toContain(article.draft);
    expect(ids).not.toContain(article.toner);
    expect(res.body.articles.find((a: { id: number }) => a.id === article.runbook)).toMatchObject({ audience: 'internal', title: 'VPN concentrator failover runbook' });
  });

  it('lists similar resolved tickets best first, never open ones or the ticket itself', async () => {
    const res = await agent.get(`/api/tickets/${current.id}/suggestions`);
    const tickets = res.body.tickets as { id: number; number: string; resolution: { notes: string } | null }[];
    expect(tickets[0]).toMatchObject({ id: vpnDone.id, number: vpnDone.number, statusClass: 'resolved', resolution: { notes: 'Resynced the VPN token in GlobalConnect.' } });
    const ids = tickets.map((x) => x.id);
    expect(ids).not.toContain(vpnOpen.id);
    expect(ids).not.toContain(current.id);
    expect(ids).not.toContain(printerDone.id);
  });

  it("serves each article in the ticket's language, else English", async () => {
    expect((await requester.request('PATCH', '/api/me', { locale: 'cy' })).status).toBe(200);
    try {
      const welsh = await submit('Mae fy VPN token yn cael ei wrthod', 'VPN token rejected, gwrthod.');
      const res = await agent.get(`/api/tickets/${welsh.id}/suggestions`);
      const byId = new Map(res.body.articles.map((a: { id: number; locale: string; title: string }) => [a.id, a]));
      expect(byId.get(article.token)).toMatchObject({ locale: 'cy', title: "Mae'r VPN yn gwrthod eich tocyn" });
      expect(byId.get(article.runbook)).toMatchObject({ locale: 'en' });
    } finally {
      await requester.request('PATCH', '/api/me', { locale: 'en' });
    }
  });

  it('are for staff who follow the ticket: a requester is refused, staff of other queues find no ticket', async () => {
    const asRequester = await requester.get(`/api/tickets/${current.id}/suggestions`);
    expect(asRequester.status).toBe(403);
    expect(asRequester.body.code).toBe('forbidden');
    expect((await specialist.get(`/api/tickets/${current.id}/suggestions`)).status).toBe(404);
    expect((await manager.get(`/api/tickets/${current.id}/suggestions`)).status).toBe(200);
    expect((await agent.get('/api/tickets/999999/suggestions')).status).toBe(404);
  });
});

describe('resolve with this article', () => {
  it('records the article on the ticket, in its history, and counts it as a use', async () => {
    const before = await agent.get(`/api/tickets/${(await submit('VPN token rejected at home', 'token refused')).id}/suggestions`);
    expect(before.body.articles.find((a: { id: number }) => a.id === article.token).uses).toBe(0);

    const ticket = await submit('VPN token rejected in the office', 'The VPN says my token is wrong.');
    const notes = `Your VPN token is rejected\n${t.url}/knowledge/${article.token}`;
    const res = await resolve(ticket.id, notes, { articleId: article.token });
    expect(res.status).toBe(200);
    expect(res.body.ticket).toMatchObject({ statusClass: 'resolved', resolution: { notes } });

    const staffView = await agent.get(`/api/tickets/${ticket.id}`);
    expect(staffView.body.events.find((e: { type: string }) => e.type === 'article.used')).toMatchObject({ data: { articleId: article.token, title: 'Your VPN token is rejected' } });
    const theirs = await requester.get(`/api/tickets/${ticket.id}`);
    expect(theirs.body.events.map((e: { type: string }) => e.type)).not.toContain('article.used');

    const after = await agent.get(`/api/tickets/${(await submit('VPN token rejected again', 'token')).id}/suggestions`);
    expect(after.body.articles.find((a: { id: number }) => a.id === article.token).uses).toBe(1);
  });

  it('refuses an article that is not published, or a change that does not resolve, and then nothing changes', async () => {
    const ticket = await submit('VPN token rejected on Friday', 'token');
    const draft = await resolve(ticket.id, 'Used the draft', { articleId: article.draft });
    expect(draft.status).toBe(422);
    expect(draft.body.errors).toEqual([{ path: 'resolution.articleId', message: `there is no published article ${article.draft}` }]);
    const notResolving = await agent.post(`/api/tickets/${ticket.id}/transitions`, { to: 'pending', comment: 'Which laptop?', resolution: { articleId: article.token } });
    expect(notResolving.status).toBe(422);
    expect(notResolving.body.errors).toEqual([{ path: 'resolution.articleId', message: 'is only for a change that resolves the ticket' }]);
    const unchanged = await agent.get(`/api/tickets/${ticket.id}`);
    expect(unchanged.body.ticket).toMatchObject({ statusClass: 'new', rowVersion: 1 });
  });
});

describe('save the resolution as a new article', () => {
  it('makes an internal draft from the notes, linked from the ticket, for an admin to review', async () => {
    const ticket = await submit('Outlook asks for my password in a loop', 'It keeps asking.');
    const early = await agent.post(`/api/tickets/${ticket.id}/articles`, { title: 'Outlook password loop', body: 'x' });
    expect(early.status).toBe(409);

    const notes = 'Cleared the cached credentials in **Credential Manager** and restarted Outlook.';
    expect((await resolve(ticket.id, notes)).status).toBe(200);
    const saved = await agent.post(`/api/tickets/${ticket.id}/articles`, { title: 'Outlook asks for the password in a loop', body: notes });
    expect(saved.status).toBe(201);
    expect(saved.body.article).toMatchObject({ status: 'draft', audience: 'internal', locale: 'en', title: 'Outlook asks for the password in a loop' });
    const id = saved.body.article.id;

    const review = await admin.get(`/api/admin/knowledge/articles/${id}`);
    expect(review.body.article).toMatchObject({ status: 'draft', audience: 'internal', createdBy: { name: 'Sam Agent' }, translations: { en: { body: notes } } });
    // A draft is nobody's reading until an admin publishes it.
    expect((await agent.get(`/api/knowledge/articles/${id}`)).status).toBe(404);

    const history = await agent.get(`/api/tickets/${ticket.id}`);
    expect(history.body.events.find((e: { type: string }) => e.type === 'article.drafted')).toMatchObject({ data: { articleId: id } });
    expect((await requester.post(`/api/tickets/${ticket.id}/articles`, { title: 'Mine', body: 'x' })).status).toBe(403);
  });

  it('refuses an empty body with its path', async () => {
    const ticket = await submit('Teams camera is black', 'black');
    await resolve(ticket.id, 'Granted camera permission.');
    const res = await agent.post(`/api/tickets/${ticket.id}/articles`, { title: 'Camera', body: '   ' });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['body']);
  });
});
