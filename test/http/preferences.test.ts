/** People choose their own language and time zone (PATCH /api/me); notifications follow the choice. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let requester: Client;
let agent: Client;
let admin: Client;

const patchMe = (c: Client, body: unknown) => c.request('PATCH', '/api/me', body);

beforeAll(async () => {
  t = await startTestDesk({ smtp: false });
  [requester, agent, admin] = await Promise.all([t.as('requester@example.com'), t.as('agent@example.com'), t.as('admin@example.com')]);
});
afterAll(() => t.close());

describe('PATCH /api/me', () => {
  it('starts with nothing chosen, so the UI follows the browser', async () => {
    const me = (await requester.get('/api/me')).body.user;
    expect(me).toMatchObject({ locale: 'en', timeZone: 'UTC', localeChosen: false, timeZoneChosen: false });
  });

  it('saves a language and a time zone as the person’s choice, in the runtime’s spelling of the zone', async () => {
    const res = await patchMe(requester, { locale: 'cy', timeZone: 'europe/london' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: 'requester@example.com', locale: 'cy', timeZone: 'Europe/London', localeChosen: true, timeZoneChosen: true });
    expect((await requester.get('/api/me')).body.user).toMatchObject({ locale: 'cy', timeZone: 'Europe/London', localeChosen: true, timeZoneChosen: true });
    // One at a time leaves the other as it was; every UI locale is accepted.
    for (const locale of ['zh-CN', 'ro', 'en', 'cy']) {
      expect((await patchMe(requester, { locale })).body.user).toMatchObject({ locale, timeZone: 'Europe/London' });
    }
    expect((await patchMe(requester, { timeZone: 'Asia/Shanghai' })).body.user).toMatchObject({ locale: 'cy', timeZone: 'Asia/Shanghai' });
    // Someone else is untouched.
    expect((await agent.get('/api/me')).body.user).toMatchObject({ locale: 'en', localeChosen: false });
  });

  it('goes back to following the browser with null, keeping the stored values for notifications', async () => {
    const res = await patchMe(requester, { locale: null, timeZone: null });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ locale: 'cy', timeZone: 'Asia/Shanghai', localeChosen: false, timeZoneChosen: false });
    // An empty change changes nothing.
    expect((await patchMe(requester, {})).body.user).toMatchObject({ locale: 'cy', localeChosen: false });
  });

  it.each([
    [{ locale: 'de' }, 'locale'],
    [{ locale: 'CY' }, 'locale'],
    [{ locale: 7 }, 'locale'],
    [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
    [{ timeZone: '+01:00' }, 'timeZone'],
    [{ timeZone: '' }, 'timeZone'],
    [{ timeZone: 'Europe/London'.repeat(6) }, 'timeZone'],
  ])('refuses %j at %s', async (body, path) => {
    const res = await patchMe(agent, body);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([path]);
  });

  it('changes nothing else about the account: roles, groups, name or e-mail are refused by path', async () => {
    const before = (await requester.get('/api/me')).body.user;
    const res = await patchMe(requester, { locale: 'ro', roles: ['admin'], groups: ['service-desk'], name: 'Root', email: 'admin@example.com' });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['email', 'groups', 'name', 'roles']);
    expect((await requester.get('/api/me')).body.user).toEqual(before);
  });

  it('is for signed-in people only, and needs the desk’s own origin with a cookie', async () => {
    expect((await patchMe(t.anonymous(), { locale: 'cy' })).status).toBe(401);
    const crossSite = await requester.request('PATCH', '/api/me', { locale: 'ro' }, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect((await requester.get('/api/me')).body.user.locale).not.toBe('ro');
  });

  it('is what notifications use: the chosen language, also for a queue member the desk had cached', async () => {
    await patchMe(requester, { locale: 'cy' });
    // Warm the desk's cached directory (queue members and their locales) before the agent chooses.
    await requester.post('/api/workflows/it-incident/submissions', { fields: { summary: 'Warm up', service: 'other', impact: 'me', urgency: 'low', details: 'x' } });
    expect((await patchMe(agent, { locale: 'cy' })).status).toBe(200);
    const created = await requester.post('/api/workflows/it-incident/submissions', { fields: { summary: 'Argraffydd', service: 'other', impact: 'me', urgency: 'low', details: 'x' } });
    expect(created.status).toBe(201);
    const mail = (await admin.get('/api/admin/outbox?status=pending&limit=100')).body.items.filter((m: { ticketId: number }) => m.ticketId === created.body.ticket.id);
    const to = (email: string) => mail.find((m: { recipient: string }) => m.recipient.includes(email));
    expect(to('requester@example.com')).toMatchObject({ locale: 'cy' });
    expect(to('agent@example.com')).toMatchObject({ locale: 'cy' });
  });

  it.each([
    ['zh-CN', '我们已收到您的故障报告', '感谢您联系我们'],
    ['ro', 'Am primit sesizarea dumneavoastră', 'Vă mulțumim că ne-ați contactat'],
  ])('sends someone who speaks %s the acknowledgement in their language', async (locale, subject, body) => {
    expect((await patchMe(requester, { locale })).status).toBe(200);
    const created = await requester.post('/api/workflows/it-incident/submissions', { fields: { summary: `In ${locale}`, service: 'other', impact: 'me', urgency: 'low', details: 'x' } });
    expect(created.status).toBe(201);
    const mail = (await admin.get('/api/admin/outbox?status=pending&limit=100')).body.items.find(
      (m: { ticketId: number; recipient: string }) => m.ticketId === created.body.ticket.id && m.recipient.includes('requester@example.com'),
    );
    expect(mail).toMatchObject({ template: 'ack-requester', locale });
    expect(mail.subject).toContain(subject);
    expect(mail.text).toContain(body);
    expect(mail.text).toContain(created.body.ticket.number);
  });
});
