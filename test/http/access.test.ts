/** Signing in, sessions, tokens, roles and who may see which ticket. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, tokenClient, type Client, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let admin: Client;

const incident = (summary: string, service = 'vpn') => ({ fields: { summary, service, impact: 'me', urgency: 'low', details: 'Details.' } });

beforeAll(async () => {
  t = await startTestDesk({ smtp: false });
  admin = await t.as('admin@example.com');
});
afterAll(() => t.close());

describe('signing in', () => {
  it('refuses a wrong password with a problem that does not say which part was wrong', async () => {
    const res = await t.anonymous().post('/api/auth/login', { email: 'agent@example.com', password: 'guess' });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.detail).toBe('The e-mail address or password is not right');
    const unknown = await t.anonymous().post('/api/auth/login', { email: 'nobody@example.com', password: 'guess' });
    expect(unknown.body.detail).toBe(res.body.detail);
  });

  it('sets an httpOnly, SameSite=Lax session cookie, and signing out ends the session', async () => {
    const res = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'AGENT@example.com', password: 'deskwright-demo' }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^deskwright_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const session = cookie.split(';')[0]!;
    const me = await fetch(`${t.url}/api/me`, { headers: { cookie: session } });
    expect((await me.json()).user.email).toBe('agent@example.com');
    const crossSite = await fetch(`${t.url}/api/auth/logout`, { method: 'POST', headers: { cookie: session, origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
    expect((await fetch(`${t.url}/api/me`, { headers: { cookie: session } })).status).toBe(200);
    await fetch(`${t.url}/api/auth/logout`, { method: 'POST', headers: { cookie: session, origin: t.url } });
    expect((await fetch(`${t.url}/api/me`, { headers: { cookie: session } })).status).toBe(401);
  });

  it('refuses a cross-site form post (CSRF)', async () => {
    const res = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: 'email=agent%40example.com&password=deskwright-demo',
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await res.json()).detail).toMatch(/cross-site request protection/);
  });
});

describe('accounts and API tokens', () => {
  it('lets an admin create an account in groups, and refuses a taken e-mail or an unknown group by path', async () => {
    const created = await admin.post('/api/admin/users', {
      email: 'Priya@Example.com', name: 'Priya Network', password: 'correct horse battery', roles: ['specialist'], groups: ['network-team'],
    });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ email: 'priya@example.com', roles: ['specialist'], groups: ['network-team'] });
    const again = await admin.post('/api/admin/users', { email: 'priya@example.com', name: 'P', password: 'correct horse battery', roles: ['agent'] });
    expect(again.status).toBe(409);
    const badGroup = await admin.post('/api/admin/users', { email: 'x@example.com', name: 'X', roles: ['agent'], groups: ['network-team', 'printers'] });
    expect(badGroup.status).toBe(422);
    expect(badGroup.body.errors).toEqual([{ path: 'groups[1]', message: 'the group "printers" does not exist' }]);
    const badRole = await admin.post('/api/admin/users', { email: 'y@example.com', name: 'Y', roles: ['superuser'], password: 'short' });
    expect(badRole.status).toBe(422);
    expect(badRole.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['password', 'roles[0]']);
  });

  it('issues a token that works as Authorization: Bearer, and refuses a wrong one', async () => {
    await admin.post('/api/admin/users', { email: 'monitoring@example.com', name: 'Monitoring', roles: ['requester'] });
    const issued = await admin.post('/api/admin/tokens', { name: 'Monitoring', email: 'monitoring@example.com' });
    expect(issued.status).toBe(201);
    const machine = tokenClient(t.url, issued.body.token);
    expect((await machine.get('/api/me')).body.user.email).toBe('monitoring@example.com');
    const submitted = await machine.post('/api/workflows/it-incident/submissions', incident('Disk 95% full on fs01', 'other'));
    expect(submitted.status).toBe(201);
    const wrong = await tokenClient(t.url, `${issued.body.token}x`).get('/api/me');
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('bad-token');
  });
});

describe('who sees a ticket', () => {
  let networkTicket: number;
  let otherRequester: Client;

  beforeAll(async () => {
    await admin.post('/api/admin/users', { email: 'bea@example.com', name: 'Bea', password: 'another long password', roles: ['requester'] });
    otherRequester = await t.as('bea@example.com', 'another long password');
    const res = await (await t.as('requester@example.com')).post('/api/workflows/it-incident/submissions', { fields: { summary: 'VPN certificate expired for everyone', service: 'vpn', impact: 'everyone', urgency: 'high', details: 'Nobody can connect.' } });
    // A major network outage goes straight to the network team's queue.
    expect(res.body.ticket.queue).toBe('network');
    networkTicket = res.body.ticket.id;
  });

  it("answers 404, not 403, to a requester asking for someone else's ticket", async () => {
    const res = await otherRequester.get(`/api/tickets/${networkTicket}`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not-found');
    // Indistinguishable from a ticket that does not exist.
    const missing = await otherRequester.get('/api/tickets/999999');
    expect(missing.status).toBe(404);
    expect({ ...missing.body, detail: '' }).toEqual({ ...res.body, detail: '' });
  });

  it("lists only the requester's own tickets", async () => {
    const mine = await otherRequester.get('/api/tickets?mine=1');
    expect(mine.body.items).toEqual([]);
  });

  it('shows the ticket to the group that works its queue, and to managers, but not to another group', async () => {
    expect((await (await t.as('specialist@example.com')).get(`/api/tickets/${networkTicket}`)).status).toBe(200);
    expect((await (await t.as('manager@example.com')).get(`/api/tickets/${networkTicket}`)).status).toBe(200);
    // The first-line agent works the service desk's queue, not the network team's.
    expect((await (await t.as('agent@example.com')).get(`/api/tickets/${networkTicket}`)).status).toBe(404);
  });

  it("shows staff only the queues of their groups, with counts, and a queue's tickets most urgent first", async () => {
    const agent = await t.as('agent@example.com');
    const queues = (await agent.get('/api/queues')).body.items;
    expect(queues.map((q: { id: string }) => q.id)).toEqual(['first-line', 'infrastructure']);
    expect((await agent.get('/api/queues/network/tickets')).status).toBe(404);
    const specialist = await t.as('specialist@example.com');
    const network = (await specialist.get('/api/queues')).body.items.find((q: { id: string }) => q.id === 'network');
    expect(network.open).toBeGreaterThanOrEqual(1);
    expect(network.unassigned).toBe(network.open);
    expect((await (await t.as('requester@example.com')).get('/api/queues')).status).toBe(403);
  });

  it('pages through a queue with a cursor, without repeats or gaps', async () => {
    const requester = await t.as('requester@example.com');
    for (const [i, urgency] of ['high', 'low', 'medium', 'high', 'low'].entries()) {
      await requester.post('/api/workflows/it-incident/submissions', { fields: { summary: `Wi-Fi ${i}`, service: 'wifi', impact: 'team', urgency, details: 'x' } });
    }
    const specialist = await t.as('specialist@example.com');
    const all = (await specialist.get('/api/queues/network/tickets?limit=100')).body.items;
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: number }[]; next: string | null } } = await specialist.get(`/api/queues/network/tickets?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.items.map((x) => x.id));
      cursor = page.body.next;
    } while (cursor);
    expect(seen).toEqual(all.map((x: { id: number }) => x.id));
    const priorities = all.map((x: { priority: string }) => x.priority);
    expect(priorities).toEqual([...priorities].sort());
  });

  it('finds tickets by words in their title and fields, only among those the caller may see', async () => {
    const requester = await t.as('requester@example.com');
    const created = await requester.post('/api/workflows/it-incident/submissions', {
      fields: { summary: 'Projector in boardroom flickers', service: 'other', impact: 'team', urgency: 'medium', details: 'The Épson unit on the ceiling' },
    });
    const id = created.body.ticket.id;
    const found = async (c: Client, q: string) => (await c.get(`/api/tickets?q=${encodeURIComponent(q)}`)).body.items.map((x: { id: number }) => x.id);
    expect(await found(requester, 'projector')).toEqual([id]);
    expect(await found(requester, 'boardroom flick')).toEqual([id]); // the last word is a prefix
    expect(await found(requester, 'epson')).toEqual([id]); // diacritics do not matter
    expect(await found(requester, '"unbalanced AND (quotes')).toEqual([]);
    expect(await found(otherRequester, 'projector')).toEqual([]);
    expect(await found(await t.as('manager@example.com'), 'projector')).toEqual([id]);
    // It is in the first-line queue: the network specialist does not see it.
    expect(await found(await t.as('specialist@example.com'), 'projector')).toEqual([]);
  });
});
