/**
 * Problems and known errors over HTTP (issue 15): staff open a problem, link
 * the incidents it causes, publish a known error that agents are offered on
 * matching incidents only, apply its workaround as a reply, and resolve the
 * problem with all its open incidents: one mail to each requester, through
 * the real SMTP catcher. Requesters never reach a known error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let agent: Client;
let manager: Client;
let requester: Client;
const people: Client[] = [];
const password = 'correct horse battery staple';
const emails = ['ann@example.com', 'bo@example.com', 'cy@example.com'];

const incident = (summary: string, service = 'other', details = 'It started this morning.') => ({ fields: { summary, service, impact: 'me', urgency: 'low', details } });
const submit = async (c: Client, summary: string, service?: string, details?: string) => {
  const res = await c.post('/api/workflows/it-incident/submissions', incident(summary, service, details));
  expect(res.status).toBe(201);
  return res.body.ticket as { id: number; number: string };
};
const openProblem = async (summary: string, service = 'other') => {
  const res = await agent.post('/api/workflows/problem/submissions', { fields: { summary, service, impact: 'team', details: 'Several reports since the update.' } });
  expect(res.status).toBe(201);
  return res.body.ticket as { id: number; number: string; kind: string; queue: string };
};
const knownErrorOn = async (problemId: number, body: Record<string, unknown>) => {
  const res = await agent.put(`/api/problems/${problemId}/known-error`, body);
  expect(res.status).toBe(201);
  return res.body.knownError as { id: number; rowVersion: number };
};
const offered = async (c: Client, ticketId: number) => {
  const res = await c.get(`/api/tickets/${ticketId}/known-errors`);
  expect(res.status).toBe(200);
  return res.body.items as { id: number; matchedBy: string[]; applied: boolean; translations: Record<string, { rootCause: string }> }[];
};

beforeAll(async () => {
  t = await startTestDesk();
  const admin = await t.as('admin@example.com');
  for (const [i, email] of emails.entries()) {
    const made = await admin.post('/api/admin/users', { email, name: `Person ${i + 1}`, password, roles: ['requester'] });
    expect(made.status).toBe(201);
    people.push(await t.as(email, password));
  }
  agent = await t.as('agent@example.com');
  manager = await t.as('manager@example.com');
  requester = await t.as('requester@example.com');
});
afterAll(() => t.close());

describe('a problem', () => {
  it('is opened by staff with a PRB number in an existing queue, and not by requesters', async () => {
    const problem = await openProblem('Shared calendars crash Outlook');
    expect(problem).toMatchObject({ kind: 'problem', queue: 'first-line', number: `PRB-${problem.id}` });
    const refused = await requester.post('/api/workflows/problem/submissions', { fields: { summary: 'x', service: 'other', impact: 'me', details: 'x' } });
    expect(refused.status).toBe(404);
    const catalogue = (await requester.get('/api/catalog')).body.items.map((w: { id: string }) => w.id);
    expect(catalogue).not.toContain('problem');
  });

  it('with 3 linked incidents resolves them all with one message, and each requester gets one mail', async () => {
    const problem = await openProblem('Mail client 9.1 loses its signature');
    const incidents = [];
    for (const [i, c] of people.entries()) incidents.push(await submit(c, `My e-mail signature vanished (${i + 1})`));
    for (const inc of incidents) expect((await agent.post(`/api/problems/${problem.id}/incidents`, { ticketId: inc.id })).status).toBe(200);
    expect((await agent.post(`/api/problems/${problem.id}/incidents`, { ticketId: incidents[0]!.id })).status).toBe(409);

    // The link shows on both tickets.
    const problemView = (await agent.get(`/api/tickets/${problem.id}`)).body;
    expect(problemView.links.map((l: { kind: string; ticketId: number }) => [l.kind, l.ticketId])).toEqual(incidents.map((i) => ['causes', i.id]));
    expect((await agent.get(`/api/tickets/${incidents[0]!.id}`)).body.links).toEqual([expect.objectContaining({ kind: 'caused-by', ticketId: problem.id })]);
    const listed = await agent.get(`/api/problems/${problem.id}/incidents`);
    expect(listed.body.items.map((i: { number: string; statusClass: string }) => [i.number, i.statusClass])).toEqual(incidents.map((i) => [i.number, 'new']));

    const message = 'We rolled back the mail client update; your signature is back after a restart.';
    const res = await agent.post(`/api/problems/${problem.id}/resolve`, { notes: 'Rolled back 9.1 to 9.0 on every laptop.', incidents: { message } });
    expect(res.status).toBe(200);
    expect(res.body.problem).toMatchObject({ statusClass: 'resolved', resolution: { notes: 'Rolled back 9.1 to 9.0 on every laptop.' } });
    expect(res.body.incidents.map((i: { id: number; statusClass: string }) => [i.id, i.statusClass])).toEqual(incidents.map((i) => [i.id, 'resolved']));

    for (const [i, inc] of incidents.entries()) {
      // The requester sees the reply and the resolution on their own ticket.
      const own = (await people[i]!.get(`/api/tickets/${inc.id}`)).body;
      expect(own.ticket.resolution).toMatchObject({ notes: message });
      expect(own.events.filter((e: { type: string }) => e.type === 'reply.public').map((e: { data: { body: string } }) => e.data.body)).toEqual([message]);
      // One message queued to them for the change: the reply, not a second "resolved" mail.
      const staffView = (await agent.get(`/api/tickets/${inc.id}`)).body;
      const queued = staffView.events.filter((e: { type: string; data: { to: string } }) => e.type === 'notification.queued' && e.data.to === emails[i]);
      expect(queued.map((e: { data: { template: string } }) => e.data.template)).toEqual(['ack-requester', 'agent-reply']);
      const mail = await t.mail.waitFor((m) => m.to.includes(emails[i]!) && m.text.includes(message));
      expect(mail.subject).toContain(inc.number);
    }
  });

  it('refuses to resolve anything when one open incident cannot be resolved, saying which', async () => {
    const problem = await openProblem('Badge printers jam');
    const fine = await submit(people[0]!, 'Badge printer jams on the first card');
    const other = await submit(people[1]!, 'Badge printer jams again');
    for (const inc of [fine, other]) await agent.post(`/api/problems/${problem.id}/incidents`, { ticketId: inc.id });
    const res = await agent.post(`/api/problems/${problem.id}/resolve`, { notes: 'New rollers.', incidents: { message: 'Fixed.', code: 'no-such-code' } });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('incidents[0]');
    expect(res.body.errors.some((e: { path: string }) => e.path === 'incidents[0].resolution.code')).toBe(true);
    expect((await agent.get(`/api/tickets/${problem.id}`)).body.ticket.statusClass).toBe('new');
    expect((await agent.get(`/api/tickets/${fine.id}`)).body.ticket.statusClass).toBe('new');
  });

  it('lets an incident be taken off it again', async () => {
    const problem = await openProblem('Docking stations lose the screen');
    const inc = await submit(people[2]!, 'Second screen goes black on the dock');
    await agent.post(`/api/problems/${problem.id}/incidents`, { ticketId: inc.id });
    expect((await agent.request('DELETE', `/api/problems/${problem.id}/incidents/${inc.id}`)).status).toBe(204);
    expect((await agent.get(`/api/tickets/${inc.id}`)).body.links).toEqual([]);
    expect((await agent.request('DELETE', `/api/problems/${problem.id}/incidents/${inc.id}`)).status).toBe(404);
    // Only a problem has incidents; an incident cannot cause one.
    expect((await agent.post(`/api/problems/${inc.id}/incidents`, { ticketId: problem.id })).status).toBe(404);
    expect((await agent.post(`/api/problems/${problem.id}/incidents`, { ticketId: problem.id })).body.errors).toEqual([{ path: 'ticketId', message: 'is this problem' }]);
  });
});

describe('a known error', () => {
  let problemId: number;
  let knownErrorId: number;
  let matching: { id: number; number: string };
  let unrelated: { id: number };
  let oneWord: { id: number };

  beforeAll(async () => {
    problemId = (await openProblem('Outlook crashes on shared calendars')).id;
    const saved = await knownErrorOn(problemId, {
      translations: {
        en: { symptom: 'Outlook closes by itself when opening a shared calendar', workaround: 'Open the shared calendar in Outlook on the web until the fix is out.', rootCause: 'Build 2311 of the calendar add-in leaks handles.' },
        cy: { symptom: "Mae Outlook yn cau ar ei ben ei hun wrth agor calendr a rennir", workaround: "Agorwch y calendr a rennir yn Outlook ar y we.", rootCause: 'Adeilad 2311.' },
      },
    });
    knownErrorId = saved.id;
    matching = await submit(people[0]!, 'Outlook closes when I open the shared team calendar');
    unrelated = await submit(people[1]!, 'Printer on floor 2 is out of toner');
    oneWord = await submit(people[2]!, 'My calendar invite did not send');
  });

  it('is shown on an incident whose text carries its symptom, and not on an unrelated one', async () => {
    const found = await offered(agent, matching.id);
    expect(found.map((k) => [k.id, k.matchedBy, k.applied])).toEqual([[knownErrorId, ['symptom'], false]]);
    expect(found[0]!.translations.en!.rootCause).toContain('leaks handles');
    expect(await offered(agent, unrelated.id)).toEqual([]);
    expect(await offered(agent, oneWord.id)).toEqual([]);
    // Not on its own problem.
    expect(await offered(agent, problemId)).toEqual([]);
  });

  it('is shown on an incident whose service it is about', async () => {
    const problem = await openProblem('VPN gateway drops long sessions', 'vpn');
    const saved = await knownErrorOn(problem.id, { service: 'vpn', translations: { en: { symptom: 'Tunnel resets', workaround: 'Reconnect.', rootCause: 'Gateway timeout.' } } });
    const vpn = await submit(people[1]!, 'Cannot reach the intranet from home', 'vpn');
    // VPN incidents go to the network team's queue: its manager sees them.
    expect((await offered(manager, vpn.id)).map((k) => [k.id, k.matchedBy])).toEqual([[saved.id, ['service']]]);
    expect((await offered(manager, unrelated.id)).map((k) => k.id)).not.toContain(saved.id);
  });

  it('is changed with its rowVersion, and retired ones are no longer offered', async () => {
    const problem = await openProblem('Teams status stuck on away');
    const saved = await knownErrorOn(problem.id, { translations: { en: { symptom: 'Teams status stuck on away', workaround: 'Sign out and in.', rootCause: 'Presence cache.' } } });
    const inc = await submit(people[2]!, 'My Teams status is stuck on away all day');
    expect((await offered(agent, inc.id)).map((k) => k.id)).toEqual([saved.id]);
    const body = { status: 'retired', translations: { en: { symptom: 'Teams status stuck on away', workaround: 'Sign out and in.', rootCause: 'Presence cache.' } } };
    const stale = await agent.put(`/api/problems/${problem.id}/known-error`, body);
    expect(stale.status).toBe(409);
    expect(stale.body.errors).toEqual([{ path: 'rowVersion', message: 'is required: the known error is at 1' }]);
    const retired = await agent.put(`/api/problems/${problem.id}/known-error`, { ...body, rowVersion: 1 });
    expect(retired.status).toBe(200);
    expect(retired.body.knownError).toMatchObject({ status: 'retired', rowVersion: 2 });
    expect(await offered(agent, inc.id)).toEqual([]);
  });

  it('"Apply workaround" replies with the edited workaround, records it and links the incident to the problem', async () => {
    const edited = 'Hello! Until the fix is out, please open the shared calendar in Outlook on the web.';
    const res = await agent.post(`/api/tickets/${matching.id}/known-errors/${knownErrorId}/apply`, { body: edited });
    expect(res.status).toBe(200);
    const mine = (await people[0]!.get(`/api/tickets/${matching.id}`)).body;
    expect(mine.events.filter((e: { type: string }) => e.type === 'reply.public').map((e: { data: { body: string } }) => e.data.body)).toEqual([edited]);
    // The record and the link are for staff.
    expect(mine.events.map((e: { type: string }) => e.type)).not.toContain('known-error.applied');
    expect(mine.links).toEqual([]);
    const staffView = (await agent.get(`/api/tickets/${matching.id}`)).body;
    expect(staffView.events.filter((e: { type: string }) => e.type === 'known-error.applied').map((e: { data: unknown }) => e.data)).toEqual([{ knownErrorId, problemId }]);
    expect(staffView.links).toEqual([expect.objectContaining({ kind: 'caused-by', ticketId: problemId })]);
    expect((await offered(agent, matching.id)).map((k) => [k.matchedBy, k.applied])).toEqual([[['linked', 'symptom'], true]]);
    await t.mail.waitFor((m) => m.to.includes(emails[0]!) && m.text.includes(edited));
  });

  it('sends the workaround as written, in the requester\'s language, when the agent does not edit it', async () => {
    const inc = await submit(people[1]!, 'Outlook closes itself opening the shared calendar again');
    expect((await agent.post(`/api/tickets/${inc.id}/known-errors/${knownErrorId}/apply`, {})).status).toBe(200);
    const events = (await people[1]!.get(`/api/tickets/${inc.id}`)).body.events;
    expect(events.filter((e: { type: string }) => e.type === 'reply.public').map((e: { data: { body: string } }) => e.data.body)).toEqual([
      'Open the shared calendar in Outlook on the web until the fix is out.',
    ]);
    expect((await agent.post(`/api/tickets/${inc.id}/known-errors/999999/apply`, {})).status).toBe(404);
  });

  it('is refused to requesters, even on their own ticket', async () => {
    const own = people[0]!;
    for (const [method, path, body] of [
      ['GET', `/api/tickets/${matching.id}/known-errors`],
      ['POST', `/api/tickets/${matching.id}/known-errors/${knownErrorId}/apply`, {}],
      ['GET', `/api/problems/${problemId}/known-error`],
      ['PUT', `/api/problems/${problemId}/known-error`, { translations: { en: { symptom: 'x', workaround: 'x', rootCause: 'x' } } }],
      ['GET', `/api/problems/${problemId}/incidents`],
      ['POST', `/api/problems/${problemId}/incidents`, { ticketId: matching.id }],
      ['POST', `/api/problems/${problemId}/resolve`, { notes: 'x' }],
    ] as [string, string, unknown?][]) {
      const res = await own.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(JSON.stringify(res.body)).not.toContain('leaks handles');
    }
  });
});
