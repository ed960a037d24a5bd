/**
 * Authorisation on every path, generated from the app's route table: each
 * role gets from each route what its policy says, and a ticket one may not
 * see answers exactly like a ticket that does not exist, on every route that
 * reaches it (ticket, events, comments, work, attachments, links, search).
 *
 * Mirrors the helpdesk advisories that are "authorisation missing on an
 * alternate path": Zammad CVE-2026-34722 (links added to tickets without
 * an authorisation check), GLPI CVE-2026-32312 (a form's structure exported
 * without checking who may see the form), and osTicket-style attachment
 * downloads reachable by id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { castOfPeople, heldRoles, incident, roleNames, startTestDesk, type Client, type People, type RoleName, type TestDesk } from './support/people.ts';
import { apiRoutes, machineRoutes, policyAnswer, reviewedPolicies, reviewedPolicy, withNothingBehind } from './support/route-table.ts';

const routes = apiRoutes();
let t: TestDesk;
let people: People;

beforeAll(async () => {
  t = await startTestDesk({ smtp: false });
  people = await castOfPeople(t);
});
afterAll(() => t.close());

const file = (name: string, text: string) => {
  const data = new FormData();
  data.append('file', new Blob([text], { type: 'text/plain' }), name);
  return data;
};

/** How to call a route with a body it accepts, so the answer comes from who is asking, not from validation. */
type Call = [method: string, path: string, body?: unknown];

describe('the policy of every route', () => {
  it('is the one reviewed for it (a new or changed policy needs a deliberate review in support/route-table.ts)', () => {
    const declared = Object.fromEntries(routes.map((r) => [r.key, [...r.audience]]));
    const reviewed = Object.fromEntries(routes.map((r) => [r.key, reviewedPolicy(r)]));
    expect(declared).toEqual(reviewed);
    // A reviewed route that no longer exists is a stale review.
    expect(Object.keys(reviewedPolicies).filter((k) => !declared[k])).toEqual([]);
  });

  // Empty bodies and ids nobody has: the policy answers first, and nothing changes.
  const cases = routes.flatMap((r) => roleNames.map((role) => [r.key, role, r] as const));
  it.each(cases)('%s as %s answers what the policy says', async (_key, role, route) => {
    const expected = policyAnswer(route.audience, heldRoles[role]);
    const c = route.key === 'POST /api/auth/logout' || route.key === 'POST /api/auth/oidc/logout' ? await people.fresh(role) : people.as[role];
    // A signed-out browser on the desk's own page still sends its Origin.
    const res = await c.request(route.method, withNothingBehind(route.path), route.method === 'GET' || route.method === 'DELETE' ? undefined : {}, { origin: t.url });
    if (machineRoutes.has(route.key)) {
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('bad-token');
    } else if (expected === 401) {
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('unauthenticated');
    } else if (expected === 403) {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'forbidden', detail: 'Your role does not allow this' });
    } else {
      expect(res.status).not.toBe(401);
      expect(res.body?.detail).not.toBe('Your role does not allow this');
    }
  });
});

describe("someone else's ticket", () => {
  let hidden: number;
  let network: number;
  let publicFile: number;
  let internalFile: number;
  let pendingUpload: number;
  let agentView: number;

  beforeAll(async () => {
    const { owner, as } = people;
    hidden = (await owner.post('/api/workflows/it-incident/submissions', incident('Quokka badge reader is dead'))).body.ticket.id;
    // A VPN outage for everyone goes straight to the network team's queue, which first line does not work.
    network = (await owner.post('/api/workflows/it-incident/submissions', { fields: { ...incident('VPN refuses my token', 'vpn').fields, impact: 'everyone', urgency: 'high' } })).body.ticket.id;
    await as.agentA.post(`/api/tickets/${hidden}/comments`, { body: 'Badge DB replica lagging, see runbook 7', internal: true });
    await as.agentA.post(`/api/tickets/${hidden}/comments`, { body: 'We are looking at the reader now.', internal: false });
    const up = await owner.post(`/api/tickets/${hidden}/attachments`, file('reader.txt', 'photo of the reader'));
    publicFile = up.body.items[0].id;
    const internal = new FormData();
    internal.append('file', new Blob(['replica lag graph'], { type: 'text/plain' }), 'lag.txt');
    internal.append('internal', 'true');
    internalFile = (await as.agentA.post(`/api/tickets/${hidden}/attachments`, internal)).body.items[0].id;
    pendingUpload = (await owner.post('/api/workflows/it-incident/attachments', file('draft.txt', 'not yet submitted'))).body.items[0].id;
    const other = (await owner.post('/api/workflows/it-incident/submissions', incident('Second badge reader too'))).body.ticket.id;
    expect((await as.agentA.post(`/api/tickets/${hidden}/links`, { kind: 'related-to', ticketId: other })).status).toBe(200);
    agentView = (await as.agentA.post('/api/views', { name: 'Mine', filter: { '==': [{ var: 'ticket.assignee' }, { var: 'me' }] } })).body.view.id;
  });

  /** Every route that reaches one ticket, called with a body it accepts. */
  const onTicket = (id: number): Record<string, Call> => ({
    'GET /api/tickets/:id': ['GET', `/api/tickets/${id}`],
    'GET /api/tickets/:id/events': ['GET', `/api/tickets/${id}/events`],
    'GET /api/tickets/:id/options': ['GET', `/api/tickets/${id}/options`],
    'POST /api/tickets/:id/comments': ['POST', `/api/tickets/${id}/comments`, { body: 'Any news?', internal: false }],
    'POST /api/tickets/:id/confirm': ['POST', `/api/tickets/${id}/confirm`, { rating: 5 }],
    'POST /api/tickets/:id/reopen': ['POST', `/api/tickets/${id}/reopen`, { reason: 'Still broken' }],
    'POST /api/tickets/:id/attachments': ['POST', `/api/tickets/${id}/attachments`, file('more.txt', 'more')],
    'POST /api/tickets/:id/transitions': ['POST', `/api/tickets/${id}/transitions`, { to: 'open' }],
    'POST /api/tickets/:id/assign': ['POST', `/api/tickets/${id}/assign`, { queue: 'first-line' }],
    'POST /api/tickets/:id/escalate': ['POST', `/api/tickets/${id}/escalate`, { kind: 'hierarchical', reason: 'Needs a manager' }],
    'PATCH /api/tickets/:id': ['PATCH', `/api/tickets/${id}`, { category: 'hardware' }],
    'POST /api/tickets/:id/links': ['POST', `/api/tickets/${id}/links`, { kind: 'related-to', ticketId: network }],
    'POST /api/tickets/bulk': ['POST', '/api/tickets/bulk', { ids: [id], assign: { queue: 'first-line' } }],
    'GET /api/tickets/:id/alerts': ['GET', `/api/tickets/${id}/alerts`],
    'GET /api/tickets/:id/suggestions': ['GET', `/api/tickets/${id}/suggestions`],
    'POST /api/tickets/:id/articles': ['POST', `/api/tickets/${id}/articles`, { title: 'From the ticket', body: 'What fixed it' }],
    'GET /api/tickets/:id/known-errors': ['GET', `/api/tickets/${id}/known-errors`],
    'POST /api/tickets/:id/known-errors/:knownErrorId/apply': ['POST', `/api/tickets/${id}/known-errors/1/apply`, { body: 'Try this.' }],
  });
  const missing = 999_999;
  const cannotSee: RoleName[] = ['requester', 'agentB', 'specialist', 'token', 'anonymous'];

  it('has a call for every route that reaches a ticket by id', () => {
    const reaching = routes.filter((r) => r.path.startsWith('/api/tickets/')).map((r) => r.key);
    expect(Object.keys(onTicket(1)).sort()).toEqual(reaching.sort());
  });

  /** The answer with the asked-for id taken out, so two answers about different ids compare. */
  const answer = async (c: Client, [method, path, body]: Call, id: number) => {
    const res = await c.request(method, path, body);
    const text = JSON.stringify(res.body);
    return { status: res.status, body: JSON.parse(id ? text.replace(new RegExp(`\\b${id}\\b`, 'g'), 'N') : text) };
  };

  const ticketCases = cannotSee.flatMap((role) => Object.keys(onTicket(1)).map((key) => [role, key] as const));
  it.each(ticketCases)('as %s, %s on a hidden ticket answers as for a missing one', async (role, key) => {
    const c = people.as[role];
    const seen = await answer(c, onTicket(hidden)[key]!, hidden);
    const none = await answer(c, onTicket(missing)[key]!, missing);
    expect(seen).toEqual(none);
    const route = routes.find((r) => r.key === key)!;
    const policy = policyAnswer(route.audience, heldRoles[role]);
    // A 404 only where the policy let the call through; a 422 for bulk, which names the id it could not change.
    if (policy === 'passes') expect(seen.status).toBe(key === 'POST /api/tickets/bulk' ? 422 : 404);
  });

  it('is there for the people who may see it (the positive control)', async () => {
    const { owner, as } = people;
    for (const c of [owner, as.agentA, as.manager, as.admin]) {
      expect((await c.get(`/api/tickets/${hidden}`)).status).toBe(200);
      expect((await c.get(`/api/tickets/${hidden}/events`)).status).toBe(200);
      expect((await c.get(`/api/attachments/${publicFile}`)).status).toBe(200);
    }
    expect((await as.agentA.get(`/api/tickets/${hidden}`)).body.links).toHaveLength(1);
    expect((await as.agentA.get(`/api/attachments/${internalFile}`)).status).toBe(200);
    expect((await owner.get(`/api/attachments/${pendingUpload}`)).status).toBe(200);
  });

  it.each(cannotSee)('as %s, its attachments and others\' uploads are missing, not forbidden', async (role) => {
    const c = people.as[role];
    const none = await answer(c, ['GET', `/api/attachments/${missing}`], missing);
    for (const id of [publicFile, internalFile, pendingUpload]) expect(await answer(c, ['GET', `/api/attachments/${id}`], id)).toEqual(none);
    expect(none.status).toBe(role === 'anonymous' ? 401 : 404);
  });

  it('keeps its internal file from its own requester', async () => {
    const none = await answer(people.owner, ['GET', `/api/attachments/${missing}`], missing);
    expect(await answer(people.owner, ['GET', `/api/attachments/${internalFile}`], internalFile)).toEqual(none);
    expect((await people.owner.get(`/api/tickets/${hidden}`)).body.attachments.map((a: { id: number }) => a.id)).toEqual([publicFile]);
  });

  it('never shows up in search, lists or a queue for those who may not see it', async () => {
    const found = async (c: Client, query: string) => (await c.get(`/api/tickets?${query}`)).body.items?.map((x: { id: number }) => x.id) ?? [];
    for (const role of cannotSee.filter((r) => r !== 'anonymous')) {
      const c = people.as[role];
      expect(await found(c, 'q=quokka'), role).toEqual([]);
      expect(await found(c, `requester=${people.ids.owner}&limit=100`), role).not.toContain(hidden);
      expect(await found(c, 'queue=first-line&limit=100'), role).not.toContain(hidden);
    }
    for (const c of [people.owner, people.as.agentA, people.as.manager, people.as.admin]) expect(await found(c, 'q=quokka')).toEqual([hidden]);
    expect((await people.as.anonymous.get('/api/tickets?q=quokka')).status).toBe(401);
  });

  it("answers for a queue one does not work as for a queue that does not exist", async () => {
    for (const role of ['agentB', 'specialist'] as const) {
      const c = people.as[role];
      const seen = await answer(c, ['GET', '/api/queues/first-line/tickets'], 0);
      expect(seen.status).toBe(404);
      expect({ ...seen.body, detail: '' }).toEqual({ ...(await answer(c, ['GET', '/api/queues/no-such-queue/tickets'], 0)).body, detail: '' });
    }
    const own = await people.as.agentA.get('/api/queues/first-line/tickets?limit=100');
    expect(own.body.items.map((x: { id: number }) => x.id)).toContain(hidden);
  });

  it("cannot be linked from a ticket one works (Zammad CVE-2026-34722): the same answer as a ticket that does not exist", async () => {
    for (const role of ['agentB', 'specialist'] as const) {
      const c = people.as[role];
      const seen = await answer(c, ['POST', `/api/tickets/${network}/links`, { kind: 'related-to', ticketId: hidden }], hidden);
      const none = await answer(c, ['POST', `/api/tickets/${network}/links`, { kind: 'related-to', ticketId: missing }], missing);
      expect(seen.status).toBe(422);
      expect(seen).toEqual(none);
    }
    // Nothing was linked: the network ticket still has no links.
    expect((await people.as.manager.get(`/api/tickets/${network}`)).body.links).toEqual([]);
  });

  it("keeps a person's saved views their own", async () => {
    const c = people.as.agentB;
    const none = await answer(c, ['GET', `/api/tickets?view=${missing}`], missing);
    expect(none.status).toBe(404);
    expect(await answer(c, ['GET', `/api/tickets?view=${agentView}`], agentView)).toEqual(none);
    expect(await answer(c, ['DELETE', `/api/views/${agentView}`], agentView)).toEqual(await answer(c, ['DELETE', `/api/views/${missing}`], missing));
    expect((await people.as.agentA.get('/api/views')).body.items.map((v: { id: number }) => v.id)).toEqual([agentView]);
  });

  it('answers a form outside its audience as a form that does not exist (GLPI CVE-2026-32312)', async () => {
    const agent = people.as.agentA;
    const seen = await answer(agent, ['POST', '/api/workflows/it-incident/submissions', incident('x')], 0);
    const none = await answer(agent, ['POST', '/api/workflows/no-such-form/submissions', incident('x')], 0);
    expect(seen.status).toBe(404);
    expect({ ...seen.body, detail: '' }).toEqual({ ...none.body, detail: '' });
    // An agent's catalogue holds only the forms staff open (a problem), never the requesters' ones.
    expect((await agent.get('/api/catalog')).body.items.map((w: { id: string }) => w.id)).toEqual(['problem']);
    expect((await people.owner.get('/api/catalog')).body.items.map((w: { id: string }) => w.id)).toContain('it-incident');
  });
});
