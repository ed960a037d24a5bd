/**
 * A ticket's life over HTTP, as each role lives it, on a real desk with real
 * mail: submit → claim → reply → note → escalate → resolve → confirm or
 * reopen, and auto-close; with the role, queue and version boundaries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeUnansweredResolutions } from '../../server/services/auto-close.service.ts';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let clock = new Date('2026-11-23T10:00:00Z');
let requester: Client;
let agent: Client;
let specialist: Client;
let manager: Client;
let ids: Record<string, string>;

/** An incident first line gets: "something else" goes to the first-line queue. */
const incident = (summary: string, extra: Record<string, unknown> = {}) => ({
  fields: { summary, service: 'other', impact: 'me', urgency: 'medium', details: 'It started this morning.', ...extra },
});

async function submit(summary: string): Promise<any> {
  const res = await requester.post('/api/workflows/it-incident/submissions', incident(summary));
  expect(res.status).toBe(201);
  return res.body.ticket;
}

const patch = (c: Client, path: string, body: unknown, headers: Record<string, string> = {}) => c.request('PATCH', path, body, headers);

beforeAll(async () => {
  t = await startTestDesk({ now: () => clock });
  requester = await t.as('requester@example.com');
  agent = await t.as('agent@example.com');
  specialist = await t.as('specialist@example.com');
  manager = await t.as('manager@example.com');
  const me = async (c: Client) => (await c.get('/api/me')).body.user.id as string;
  ids = { requester: await me(requester), agent: await me(agent), specialist: await me(specialist), manager: await me(manager) };
});
afterAll(() => t.close());

describe('a ticket walked through by every role', () => {
  it('goes from submission to a confirmed, rated resolution, with each step in the history and the mail', async () => {
    const ticket = await submit('Printer on floor 2 prints blank pages');
    expect(ticket).toMatchObject({ status: 'new', statusClass: 'new', queue: 'first-line', assigneeId: null, rowVersion: 1 });
    const path = `/api/tickets/${ticket.id}`;

    // First line claims it: assigned, and no longer new.
    const claimed = await agent.post(`${path}/assign`, { agentId: ids.agent, version: 1 });
    expect(claimed.status).toBe(200);
    expect(claimed.body.ticket).toMatchObject({ assigneeId: ids.agent, status: 'open', rowVersion: 2 });
    expect(claimed.headers.get('etag')).toBe('"2"');

    // A public reply reaches the requester by mail; it is the first response.
    const reply = await agent.post(`${path}/comments`, { body: 'Which tray were you printing from?', internal: false });
    expect(reply.status).toBe(200);
    expect(reply.body.ticket.firstResponseAt).toBe(clock.toISOString());
    const mail = await t.mail.waitFor((m) => m.to.includes('requester@example.com') && m.text.includes('Which tray were you printing from?'));
    expect(mail.subject).toContain(ticket.number);

    // An internal note stays among staff.
    const note = await agent.post(`${path}/comments`, { body: 'Toner sensor fault code E-0452 on the panel', internal: true });
    expect(note.status).toBe(200);

    // Functional escalation to second line, with a reason; the network team hears about it.
    const escalated = await agent.post(`${path}/escalate`, { kind: 'functional', queue: 'network', reason: 'Print server drops jobs: network team' });
    expect(escalated.status).toBe(200);
    expect(escalated.body.ticket).toMatchObject({ queue: 'network', assigneeId: null, heldByGroups: ['service-desk'] });
    const toSecondLine = await t.mail.waitFor((m) => m.to.includes('specialist@example.com') && m.subject.includes(`Escalated to Network`) && m.subject.includes(ticket.number));
    expect(toSecondLine.text).toContain('Print server drops jobs: network team');

    // First line can no longer change it, but still follows the specialist's work.
    const meddle = await agent.post(`${path}/transitions`, { to: 'pending', comment: 'Any news?' });
    expect(meddle.status).toBe(403);
    await specialist.post(`${path}/assign`, { agentId: ids.specialist });
    await specialist.post(`${path}/comments`, { body: 'Rebooted print spooler on PRN-SRV-01', internal: true });
    const followed = await agent.get(path);
    expect(followed.status).toBe(200);
    expect(followed.body.events.map((e: any) => e.data.body)).toContain('Rebooted print spooler on PRN-SRV-01');

    // Resolving needs a code and notes.
    const bare = await specialist.post(`${path}/transitions`, { to: 'resolved' });
    expect(bare.status).toBe(422);
    expect(bare.body.errors.map((e: any) => e.path).sort()).toEqual(['resolution.code', 'resolution.notes']);
    const resolved = await specialist.post(`${path}/transitions`, {
      to: 'resolved',
      resolution: { code: 'solved', notes: 'Spooler restarted and the print queue cleared.' },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.ticket).toMatchObject({ statusClass: 'resolved', resolution: { code: 'solved', notes: 'Spooler restarted and the print queue cleared.' } });
    await t.mail.waitFor((m) => m.to.includes('requester@example.com') && m.subject.includes(`Resolved`) && m.subject.includes(ticket.number));

    // The requester confirms with a rating: closed.
    const confirmed = await requester.post(`${path}/confirm`, { rating: 5, comment: 'Thanks, all fine now' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.ticket).toMatchObject({ statusClass: 'closed', closedAt: clock.toISOString(), satisfaction: { rating: 5, comment: 'Thanks, all fine now' } });

    // The requester's view: the conversation and the resolution, never a note or an escalation.
    const theirs = await requester.get(path);
    const types = theirs.body.events.map((e: any) => e.type);
    expect(types).toContain('reply.public');
    expect(types).toContain('ticket.resolved');
    expect(types).not.toContain('note.internal');
    expect(types).not.toContain('ticket.escalated');
    expect(JSON.stringify(theirs.body)).not.toContain('E-0452');
    expect(JSON.stringify(theirs.body)).not.toContain('PRN-SRV-01');
    expect(theirs.body.ticket.heldByGroups).toEqual([]);
    const timeline = await requester.get(`${path}/events`);
    expect(timeline.body.items).toEqual(theirs.body.events);

    // No message to the requester ever carried a note.
    const toRequester = t.mail.messages.filter((m) => m.to.includes('requester@example.com'));
    expect(toRequester.length).toBeGreaterThanOrEqual(3);
    for (const m of toRequester) expect(m.text + m.html).not.toMatch(/E-0452|PRN-SRV-01/);

    // The staff timeline has who, when, before and after.
    const staffView = await manager.get(`${path}/events`);
    const assigned = staffView.body.items.find((e: any) => e.type === 'ticket.assigned');
    expect(assigned).toMatchObject({ actorId: ids.agent, data: { from: { queue: 'first-line', assignee: null }, to: { queue: 'first-line', assignee: ids.agent } } });
  });

  it('reopens with a reason when the requester says it is not fixed, and clears the resolution', async () => {
    const ticket = await submit('Monitor flickers');
    const path = `/api/tickets/${ticket.id}`;
    await agent.post(`${path}/assign`, { agentId: ids.agent });
    await agent.post(`${path}/transitions`, { to: 'resolved', resolution: { code: 'workaround', notes: 'Swapped the cable.' } });
    const noReason = await requester.post(`${path}/reopen`, { reason: '  ' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors[0].path).toBe('reason');
    const reopened = await requester.post(`${path}/reopen`, { reason: 'It flickers again after lunch' });
    expect(reopened.status).toBe(200);
    expect(reopened.body.ticket).toMatchObject({ status: 'open', resolution: null });
    const events = (await agent.get(`${path}/events`)).body.items;
    expect(events.find((e: any) => e.type === 'ticket.reopened')).toMatchObject({ actorId: ids.requester, data: { by: 'requester', reason: 'It flickers again after lunch' } });
    const told = await t.mail.waitFor((m) => m.to.includes('agent@example.com') && m.subject.includes(`Reopened`) && m.subject.includes(ticket.number));
    expect(told.text).toContain('It flickers again after lunch');
    // Confirming an open ticket makes no sense.
    expect((await requester.post(`${path}/confirm`, {})).status).toBe(409);
  });

  it('moves a ticket waiting on the requester back to the agents when they reply', async () => {
    const ticket = await submit('Cannot open shared drive');
    const path = `/api/tickets/${ticket.id}`;
    const pending = await agent.post(`${path}/transitions`, { to: 'pending', comment: 'Which drive letter is it?' });
    expect(pending.status).toBe(200);
    expect(pending.body.ticket.statusClass).toBe('pending');
    const answer = await requester.post(`${path}/comments`, { body: 'It is the S: drive' });
    expect(answer.status).toBe(200);
    expect(answer.body.ticket.statusClass).toBe('open');
  });

  it('stops the SLA clocks while the ticket waits on the requester, and moves the due times out by that long', async () => {
    const start = clock;
    try {
      const ticket = await submit('Cannot open the payroll report');
      const path = `/api/tickets/${ticket.id}`;
      const due = Date.parse(ticket.slaDue.resolution);
      clock = new Date(start.getTime() + 60 * 60_000);
      await agent.post(`${path}/transitions`, { to: 'pending', comment: 'Which report exactly?' });
      const waiting = (await agent.get(path)).body;
      expect(waiting.ticket.slaDue).toEqual({ response: ticket.slaDue.response, resolution: null });
      expect(waiting.sla.resolution).toMatchObject({ state: 'paused', dueAt: null, elapsedMinutes: 60 });
      clock = new Date(start.getTime() + 3 * 60 * 60_000);
      const answered = await requester.post(`${path}/comments`, { body: 'The monthly one' });
      expect(answered.body.ticket.slaDue.resolution).toBe(new Date(due + 2 * 60 * 60_000).toISOString());
      const running = (await agent.get(path)).body;
      expect(running.sla.resolution).toMatchObject({ state: 'running', elapsedMinutes: 60 });
      expect(running.sla.response.state).toBe('met');
      expect(running.ticket.slaPauses).toEqual([{ from: new Date(start.getTime() + 3_600_000).toISOString(), to: clock.toISOString() }]);
    } finally {
      clock = start;
    }
  });

  it('closes resolutions nobody answered after the workflow’s days, once, however often the job runs', async () => {
    const ticket = await submit('Keyboard missing keys');
    const path = `/api/tickets/${ticket.id}`;
    await agent.post(`${path}/transitions`, { to: 'resolved', resolution: { code: 'solved', notes: 'New keyboard delivered.' } });
    const start = clock;
    try {
      clock = new Date(start.getTime() + 4 * 86_400_000);
      await closeUnansweredResolutions(t.desk.context);
      expect((await agent.get(path)).body.ticket.statusClass).toBe('resolved');
      clock = new Date(start.getTime() + 5 * 86_400_000 + 60_000);
      await Promise.all([closeUnansweredResolutions(t.desk.context), closeUnansweredResolutions(t.desk.context)]);
      await closeUnansweredResolutions(t.desk.context);
      const after = (await agent.get(path)).body;
      expect(after.ticket).toMatchObject({ statusClass: 'closed', closedAt: clock.toISOString() });
      expect(after.events.filter((e: any) => e.type === 'ticket.closed')).toEqual([expect.objectContaining({ data: { by: 'auto-close', afterDays: 5 } })]);
    } finally {
      clock = start;
    }
  });
});

describe('role and queue boundaries', () => {
  it('keeps a specialist out of a first-line ticket, and requesters out of staff actions', async () => {
    const ticket = await submit('Laptop fan is loud');
    const path = `/api/tickets/${ticket.id}`;
    expect((await specialist.post(`${path}/transitions`, { to: 'open' })).status).toBe(404);
    expect((await specialist.post(`${path}/comments`, { body: 'hello', internal: true })).status).toBe(404);
    expect((await requester.post(`${path}/transitions`, { to: 'open' })).status).toBe(403);
    expect((await requester.post(`${path}/assign`, { agentId: ids.requester })).status).toBe(403);
    const sneaky = await requester.post(`${path}/comments`, { body: 'a note to myself', internal: true });
    expect(sneaky.status).toBe(403);
    expect((await agent.get(path)).body.events.map((e: any) => e.type)).not.toContain('note.internal');
  });

  it('only escalates to the queues the workflow allows, and only assigns members of the queue’s group', async () => {
    const ticket = await submit('Phone will not ring');
    const path = `/api/tickets/${ticket.id}`;
    const wrongQueue = await agent.post(`${path}/escalate`, { kind: 'functional', queue: 'first-line', reason: 'x' });
    expect(wrongQueue.status).toBe(409);
    const unknownQueue = await agent.post(`${path}/escalate`, { kind: 'functional', queue: 'facilities', reason: 'Not IT' });
    expect(unknownQueue.status).toBe(422);
    expect(unknownQueue.body.errors[0]).toMatchObject({ path: 'queue', message: expect.stringContaining('"network"') });
    const noReason = await agent.post(`${path}/escalate`, { kind: 'functional', queue: 'network', reason: '' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors[0].path).toBe('reason');
    const outsider = await agent.post(`${path}/assign`, { agentId: ids.specialist });
    expect(outsider.status).toBe(422);
    expect(outsider.body.errors[0].path).toBe('agentId');
    const sideways = await agent.post(`${path}/assign`, { queue: 'network' });
    expect(sideways.status).toBe(409);
    expect(sideways.body.detail).toMatch(/escalat/);
  });

  it('flags a ticket to the queue manager on hierarchical escalation', async () => {
    const ticket = await submit('Whole team locked out');
    const res = await agent.post(`/api/tickets/${ticket.id}/escalate`, { kind: 'hierarchical', reason: 'Third time this week' });
    expect(res.status).toBe(200);
    expect(res.body.ticket.managerFlaggedAt).toBe(clock.toISOString());
    const mail = await t.mail.waitFor((m) => m.to.includes('manager@example.com') && m.subject.includes('Escalated') && m.subject.includes(ticket.number));
    expect(mail.text).toContain('Third time this week');
  });

  it('explains a transition the lifecycle does not have', async () => {
    const ticket = await submit('Mouse double-clicks');
    const path = `/api/tickets/${ticket.id}`;
    const closed = await agent.post(`${path}/transitions`, { to: 'closed' });
    expect(closed.status).toBe(409);
    expect(closed.body.detail).toMatch(/cannot go from "new" to "closed"/);
    const unknown = await agent.post(`${path}/transitions`, { to: 'done' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].path).toBe('to');
  });
});

describe('concurrent changes', () => {
  it('lets exactly one of two updates on the same version win; the other is 409 and changes nothing', async () => {
    const ticket = await submit('Wi-Fi slow in meeting room');
    const path = `/api/tickets/${ticket.id}`;
    const [a, b] = await Promise.all([
      patch(agent, path, { priority: 'P2', version: 1 }),
      patch(manager, path, { priority: 'P4', version: 1 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? 'P2' : 'P4';
    const now = (await agent.get(path)).body.ticket;
    expect(now).toMatchObject({ priority: winner, rowVersion: 2 });
    const stale = await agent.post(`${path}/assign`, { agentId: ids.agent }, { 'if-match': '"1"' });
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toMatch(/version 2/);
    expect((await agent.get(path)).body.ticket.assigneeId).toBeNull();
  });

  it('recomputes the SLA due time from when the ticket was logged when the priority changes', async () => {
    const ticket = await submit('VPN drops');
    const res = await patch(agent, `/api/tickets/${ticket.id}`, { priority: 'P1' });
    expect(res.status).toBe(200);
    // The standard policy gives P1 a 4-hour resolution, counted from creation.
    expect(res.body.ticket.slaDue.resolution).toBe(new Date(Date.parse(ticket.createdAt) + 240 * 60_000).toISOString());
    const history = (await agent.get(`/api/tickets/${ticket.id}/events`)).body.items.at(-1);
    expect(history).toMatchObject({ type: 'ticket.updated', data: { changes: { priority: { from: ticket.priority, to: 'P1' } } } });
  });

  it('changes many tickets in one transaction, or none when one of them refuses', async () => {
    const [one, two, three] = [await submit('Bulk one'), await submit('Bulk two'), await submit('Bulk three')];
    const done = await agent.post('/api/tickets/bulk', { ids: [one.id, two.id], assign: { agentId: ids.agent } });
    expect(done.status).toBe(200);
    expect(done.body.items.map((x: any) => x.assigneeId)).toEqual([ids.agent, ids.agent]);
    await agent.post(`/api/tickets/${three.id}/transitions`, { to: 'resolved', resolution: { code: 'solved', notes: 'Fixed on the phone.' } });
    // A resolved ticket cannot wait on its requester, so the whole batch is refused and nothing moves.
    const refused = await agent.post('/api/tickets/bulk', { ids: [one.id, two.id, three.id], transition: { to: 'pending', comment: 'Please send a photo' } });
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0]).toMatchObject({ path: 'ids[2]', message: expect.stringContaining(`ticket ${three.id}`) });
    for (const x of [one, two]) expect((await agent.get(`/api/tickets/${x.id}`)).body.ticket.statusClass).toBe('open');
    const moved = await agent.post('/api/tickets/bulk', { ids: [one.id, two.id], transition: { to: 'pending', comment: 'Please send a photo' } });
    expect(moved.status).toBe(200);
    expect(moved.body.items.map((x: any) => x.statusClass)).toEqual(['pending', 'pending']);
  });
});

describe('finding tickets', () => {
  it('filters, pages without gaps or repeats, and searches replies but not, for requesters, internal notes', async () => {
    const mine = [];
    for (let i = 0; i < 7; i++) mine.push(await submit(`Paging check ${i}`));
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await agent.get(`/api/tickets?q=${encodeURIComponent('Paging check')}&sort=oldest&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((x: any) => x.id));
      cursor = res.body.next;
    } while (cursor);
    expect(seen).toEqual(mine.map((x) => x.id));

    await agent.post(`/api/tickets/${mine[0].id}/comments`, { body: 'zebracrossing public words', internal: false });
    await agent.post(`/api/tickets/${mine[1].id}/comments`, { body: 'quokkaburrow private words', internal: true });
    const found = async (c: Client, q: string) => (await c.get(`/api/tickets?q=${q}`)).body.items.map((x: any) => x.id);
    expect(await found(requester, 'zebracrossing')).toEqual([mine[0].id]);
    expect(await found(agent, 'quokkaburrow')).toEqual([mine[1].id]);
    expect(await found(requester, 'quokkaburrow')).toEqual([]);

    await agent.post(`/api/tickets/${mine[2].id}/assign`, { agentId: ids.agent });
    const assigned = (await agent.get('/api/tickets?assignee=me&state=open&limit=100')).body.items.map((x: any) => x.id);
    expect(assigned).toContain(mine[2].id);
    expect(assigned).not.toContain(mine[3].id);
    const queues = (await agent.get('/api/queues')).body.items;
    expect(queues.find((q: any) => q.id === 'first-line')).toMatchObject({ mine: expect.any(Number), breaching: expect.any(Number) });
    expect((await requester.get('/api/tickets?cursor=nonsense')).status).toBe(422);
    const newestCursor = (await agent.get('/api/tickets?sort=newest&limit=1')).body.next;
    const wrongSort = await agent.get(`/api/tickets?sort=oldest&cursor=${newestCursor}`);
    expect(wrongSort.status).toBe(422);
    expect(wrongSort.body.errors[0].message).toMatch(/different sort/);
  });

  it('names the assignees of a page for staff, and never tells a requester who works their ticket', async () => {
    const ticket = await submit('Assignee name check');
    await agent.post(`/api/tickets/${ticket.id}/assign`, { agentId: ids.agent });
    const staffPage = (await agent.get('/api/tickets?q=Assignee&limit=100')).body;
    expect(staffPage.items.map((x: any) => x.id)).toEqual([ticket.id]);
    expect(staffPage.assignees).toEqual([{ id: ids.agent, name: 'Sam Agent' }]);
    expect((await manager.get('/api/tickets?q=Assignee')).body.assignees).toEqual([{ id: ids.agent, name: 'Sam Agent' }]);
    const queuePage = (await agent.get('/api/queues/first-line/tickets?limit=100')).body;
    expect(queuePage.assignees).toContainEqual({ id: ids.agent, name: 'Sam Agent' });
    expect(queuePage.items.every((x: any) => x.assigneeId === null || queuePage.assignees.some((p: any) => p.id === x.assigneeId))).toBe(true);

    // The requester's list: the ticket, no names.
    const requesterPage = (await requester.get('/api/tickets?q=Assignee')).body;
    expect(requesterPage.items.map((x: any) => x.id)).toEqual([ticket.id]);
    expect(requesterPage.assignees).toEqual([]);
    expect(JSON.stringify(requesterPage)).not.toContain('Sam Agent');

    // Staff who asked for help in a queue they do not work are its requester there: no names either.
    const admin = await t.as('admin@example.com');
    const both = { email: 'kai@example.com', name: 'Kai Both', password: 'a long enough password', roles: ['requester', 'agent'], groups: ['service-desk'] };
    expect((await admin.post('/api/admin/users', both)).status).toBe(201);
    const kai = await t.as(both.email, both.password);
    const own = await kai.post('/api/workflows/it-incident/submissions', { fields: { summary: 'Kai own VPN trouble', service: 'vpn', impact: 'everyone', urgency: 'high', details: 'x' } });
    expect(own.status).toBe(201);
    expect(own.body.ticket.queue).not.toBe('first-line');
    expect((await manager.post(`/api/tickets/${own.body.ticket.id}/assign`, { agentId: ids.specialist })).status).toBe(200);
    const kaiOwn = (await kai.get('/api/tickets?q=own%20VPN')).body;
    expect(kaiOwn.items.map((x: any) => x.id)).toEqual([own.body.ticket.id]);
    expect(kaiOwn.assignees).toEqual([]);
    expect((await manager.get('/api/tickets?q=own%20VPN')).body.assignees).toEqual([{ id: ids.specialist, name: 'Nia Specialist' }]);
  });

  it('saves views whose json-logic filter is checked at save time', async () => {
    const bad = await agent.post('/api/views', { name: 'Broken', filter: { and: [{ '==': [{ var: 'ticket.colour' }, 'red'] }] } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toMatch(/^filter\.and\[0\]/);
    const saved = await agent.post('/api/views', { name: 'My open work', filter: { and: [{ '==': [{ var: 'ticket.assignee' }, { var: 'me' }] }, { '==': [{ var: 'ticket.status' }, 'open'] }] } });
    expect(saved.status).toBe(201);
    const listed = (await agent.get(`/api/tickets?view=${saved.body.view.id}&limit=100`)).body.items;
    expect(listed.length).toBeGreaterThan(0);
    for (const x of listed) expect(x).toMatchObject({ assigneeId: ids.agent, status: 'open' });
    expect((await specialist.get(`/api/tickets?view=${saved.body.view.id}`)).status).toBe(404);
  });

  it('links tickets and shows the link from both sides', async () => {
    const [a, b] = [await submit('Link A'), await submit('Link B')];
    const res = await agent.post(`/api/tickets/${b.id}/links`, { kind: 'duplicate-of', ticketId: a.id });
    expect(res.status).toBe(200);
    expect((await agent.post(`/api/tickets/${b.id}/links`, { kind: 'duplicate-of', ticketId: a.id })).status).toBe(409);
    expect((await agent.get(`/api/tickets/${b.id}`)).body.links).toEqual([expect.objectContaining({ kind: 'duplicate-of', ticketId: a.id })]);
    expect((await agent.get(`/api/tickets/${a.id}`)).body.links).toEqual([expect.objectContaining({ kind: 'related-to', ticketId: b.id })]);
  });
});
