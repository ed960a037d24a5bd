/**
 * Outage notices over HTTP: a manager writes one in two languages, it is a
 * banner for its audience only while it is live, it can be ended early;
 * bad input is 422 with the path of what is wrong; only managers and admins
 * write. "Me too" records the person on the major incident, once, without a
 * new ticket. "Notify everyone" mails 2,000 people over real SMTP, one mail each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let manager: Client;
let admin: Client;
let agent: Client;
let requester: Client;
let clock = new Date('2026-12-04T09:00:00Z');
const hours = (n: number) => new Date(clock.getTime() + n * 3_600_000).toISOString();

beforeAll(async () => {
  t = await startTestDesk({ now: () => clock });
  manager = await t.as('manager@example.com');
  admin = await t.as('admin@example.com');
  agent = await t.as('agent@example.com');
  requester = await t.as('requester@example.com');
});
afterAll(() => t.close());

const notice = (over: Record<string, unknown> = {}) => ({
  severity: 'major',
  audience: 'everyone',
  translations: { en: { title: 'VPN is down', body: 'We are **on it**.' } },
  services: ['vpn'],
  startsAt: hours(-1),
  endsAt: hours(3),
  ...over,
});

const liveTitles = async (c: Client, locale?: string) => {
  const res = await c.get(`/api/announcements/live${locale ? `?locale=${locale}` : ''}`);
  expect(res.status).toBe(200);
  return (res.body.items as { title: string }[]).map((i) => i.title).sort();
};

describe('writing a notice', () => {
  it('is created by a manager, listed in an envelope with its state, and shows as a banner to everyone', async () => {
    const created = await manager.post('/api/announcements', notice({ translations: { en: { title: 'Mail is slow', body: 'Hold on <script>alert(1)</script>' }, cy: { title: 'Mae e-bost yn araf', body: 'Arhoswch' } } }));
    expect(created.status).toBe(201);
    expect(created.body.announcement).toMatchObject({ severity: 'major', audience: 'everyone', services: ['vpn'], state: 'live', rowVersion: 1, mailing: null, createdBy: { name: 'Mo Manager' } });
    const list = await admin.get('/api/announcements');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ next: null });
    expect(list.body.items.map((a: { id: number }) => a.id)).toContain(created.body.announcement.id);

    const banner = (await requester.get('/api/announcements/live')).body.items.find((i: { id: number }) => i.id === created.body.announcement.id);
    expect(banner).toMatchObject({ title: 'Mail is slow', severity: 'major', locale: 'en' });
    expect(banner.html).toContain('&lt;script&gt;');
    expect(banner.html).not.toContain('<script');
    expect(await liveTitles(agent, 'cy')).toContain('Mae e-bost yn araf');

    const ended = await manager.post(`/api/announcements/${created.body.announcement.id}/end`, { rowVersion: 1 });
    expect(ended.status).toBe(200);
    expect(ended.body.announcement.state).toBe('ended');
    expect(await liveTitles(requester)).not.toContain('Mail is slow');
    expect((await manager.post(`/api/announcements/${created.body.announcement.id}/end`, { rowVersion: 1 })).status).toBe(409);
  });

  it('shows each notice only to its audience, and only between its start and its end', async () => {
    for (const [audience, title] of [['requesters', 'For requesters'], ['staff', 'For staff'], ['everyone', 'For all']]) {
      expect((await manager.post('/api/announcements', notice({ audience, translations: { en: { title, body: 'x' } } }))).status).toBe(201);
    }
    expect((await manager.post('/api/announcements', notice({ startsAt: hours(1), endsAt: hours(2), translations: { en: { title: 'Later', body: 'x' } } }))).status).toBe(201);

    expect(await liveTitles(requester)).toEqual(['For all', 'For requesters']);
    expect(await liveTitles(agent)).toEqual(['For all', 'For staff']);
    clock = new Date(clock.getTime() + 90 * 60_000);
    expect(await liveTitles(requester)).toEqual(['For all', 'For requesters', 'Later']);
    clock = new Date(clock.getTime() + 3 * 3_600_000);
    expect(await liveTitles(requester)).toEqual([]);
  });

  it('saves a change on the version it was read at, and refuses a stale one', async () => {
    const created = (await manager.post('/api/announcements', notice())).body.announcement;
    const saved = await manager.put(`/api/announcements/${created.id}`, { ...notice({ severity: 'minor' }), rowVersion: 1 });
    expect(saved.status).toBe(200);
    expect(saved.body.announcement).toMatchObject({ severity: 'minor', rowVersion: 2 });
    const stale = await manager.put(`/api/announcements/${created.id}`, { ...notice(), rowVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.errors).toEqual([{ path: 'rowVersion', message: 'is 1, the announcement is now at 2' }]);
  });

  it.each([
    ['an end before the start', { endsAt: '2026-12-01T00:00:00Z' }, 'endsAt'],
    ['an unknown severity', { severity: 'huge' }, 'severity'],
    ['an unknown audience', { audience: 'martians' }, 'audience'],
    ['no language', { translations: {} }, 'translations'],
    ['an empty title', { translations: { en: { title: ' ', body: 'x' } } }, 'translations.en.title'],
    ['a time that is not one', { startsAt: 'tomorrow' }, 'startsAt'],
    ['a service that is not an id', { services: ['VPN down!'] }, 'services[0]'],
    ['a ticket that does not exist', { incidentTicketId: 999999 }, 'incidentTicketId'],
  ])('refuses %s with 422 at its path', async (_what, over, path) => {
    const res = await manager.post('/api/announcements', notice(over));
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('lets neither requesters nor agents write, list or mail notices', async () => {
    for (const c of [requester, agent]) {
      expect((await c.post('/api/announcements', notice())).status).toBe(403);
      expect((await c.get('/api/announcements')).status).toBe(403);
      expect((await c.post('/api/announcements/1/mailing')).status).toBe(403);
    }
    expect((await t.anonymous().get('/api/announcements/live')).status).toBe(401);
  });
});

describe('"Me too" on a known outage', () => {
  it('records the requester as affected on the major incident once, and makes no ticket', async () => {
    const incident = await requester.post('/api/workflows/it-incident/submissions', { fields: { summary: 'VPN down for everyone', service: 'vpn', impact: 'everyone', urgency: 'high', details: 'Major' } });
    expect(incident.status).toBe(201);
    const id = incident.body.ticket.id as number;
    const created = (await manager.post('/api/announcements', notice({ startsAt: hours(-1), endsAt: hours(2), incidentTicketId: id, audience: 'requesters' }))).body.announcement;
    expect(created.incidentNumber).toBe(incident.body.ticket.number);
    const live = (await requester.get('/api/announcements/live')).body.items.find((i: { id: number }) => i.id === created.id);
    expect(live).toMatchObject({ services: ['vpn'], incidentTicketId: id, incidentNumber: incident.body.ticket.number });

    const ticketCount = async () => Number((await t.desk.context.db.selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await ticketCount();
    const first = await requester.post(`/api/announcements/${created.id}/affected`);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ incidentTicketId: id, incidentNumber: incident.body.ticket.number, recorded: true });
    expect((await requester.post(`/api/announcements/${created.id}/affected`)).body.recorded).toBe(false);
    const read = await admin.get(`/api/tickets/${id}`);
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    const events = read.body.events.filter((e: { type: string }) => e.type === 'outage.affected');
    expect(events).toHaveLength(1);
    expect(events[0].data.name).toBe('Alex Requester');
    expect(await ticketCount()).toBe(before);

    // Staff are not the audience of this notice, so it is not theirs to join.
    expect((await agent.post(`/api/announcements/${created.id}/affected`)).status).toBe(404);
  });
});

describe('"Notify everyone"', () => {
  it('mails 2,000 requesters through the outbox, one mail each, with progress, once per notice', async () => {
    const db = t.desk.context.db;
    const at = clock.toISOString();
    const people = Array.from({ length: 2000 }, (_, i) => ({ id: `bulk-${String(i).padStart(5, '0')}`, email: `person${i}@example.org`, name: `Person ${i}`, roles: '["requester"]', locale: i % 2 ? 'cy' : 'en', time_zone: 'Europe/London', created_at: at }));
    for (let i = 0; i < people.length; i += 500) await db.insertInto('users').values(people.slice(i, i + 500)).execute();
    await db.insertInto('users').values({ id: 'bulk-gone', email: 'gone@example.org', name: 'Gone', roles: '["requester"]', locale: 'en', time_zone: 'UTC', created_at: at, deactivated_at: at }).execute();
    const audience = [...people.map((p) => p.email), 'requester@example.com'];

    const created = (await manager.post('/api/announcements', notice({ audience: 'requesters', startsAt: hours(-1), endsAt: hours(5), translations: { en: { title: 'Printers offline', body: 'All of them.' }, cy: { title: "Argraffwyr i lawr", body: 'Pob un.' } } }))).body.announcement;
    const started = await manager.post(`/api/announcements/${created.id}/mailing`);
    expect(started.status).toBe(202);
    expect(started.body.mailing).toMatchObject({ status: 'running', total: audience.length });
    expect((await manager.post(`/api/announcements/${created.id}/mailing`)).status).toBe(409);

    let progress = started.body.mailing;
    while (progress.status !== 'done') progress = (await new Promise((r) => setTimeout(r, 50)), (await manager.get(`/api/announcements/${created.id}/mailing`)).body.mailing);
    expect(progress).toMatchObject({ status: 'done', queued: audience.length, total: audience.length });
    expect((await manager.get('/api/announcements')).body.items.find((a: { id: number }) => a.id === created.id).mailing.status).toBe('done');

    const ours = () => t.mail.messages.filter((m) => m.subject.includes('Printers offline') || m.subject.includes('Argraffwyr i lawr'));
    for (let waited = 0; ours().length < audience.length && waited < 120_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    // Anything sent twice would come in right behind the rest.
    await new Promise((r) => setTimeout(r, 300));
    const perPerson = new Map<string, number>();
    for (const m of ours()) for (const to of m.to) perPerson.set(to, (perPerson.get(to) ?? 0) + 1);
    expect([...perPerson.keys()].sort()).toEqual([...audience].sort());
    expect([...perPerson.values()].every((n) => n === 1)).toBe(true);
    expect(perPerson.has('gone@example.org')).toBe(false);
    expect(perPerson.has('agent@example.com')).toBe(false);
    const welsh = ours().find((m) => m.to[0] === 'person1@example.org')!;
    expect(welsh.subject).toContain('Argraffwyr i lawr');
    expect(welsh.text).toContain('Helo Person 1');
  }, 180_000);
});
