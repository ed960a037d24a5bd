/** Admins manage groups, queues and SLA policies; workflows may only refer to ones that exist. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let admin: Client;

beforeAll(async () => {
  t = await startTestDesk({ smtp: false });
  admin = await t.as('admin@example.com');
});
afterAll(() => t.close());

const targets = {
  P1: { responseMinutes: 60, resolutionMinutes: 240 },
  P2: { responseMinutes: 120, resolutionMinutes: 480 },
  P3: { responseMinutes: 480, resolutionMinutes: 2400 },
  P4: { responseMinutes: 960, resolutionMinutes: 4800 },
};

describe('desk settings', () => {
  it('lists the shipped groups, queues and SLA policy', async () => {
    expect((await admin.get('/api/admin/groups')).body.items.map((g: { id: string }) => g.id)).toEqual(['desk-managers', 'devices-team', 'identity-team', 'network-team', 'service-desk']);
    expect((await admin.get('/api/admin/queues')).body.items.map((q: { id: string }) => q.id)).toEqual(['complaints', 'end-user-devices', 'first-line', 'identity', 'infrastructure', 'network']);
    expect((await admin.get('/api/admin/sla-policies')).body.items.map((p: { id: string; calendar: string }) => [p.id, p.calendar])).toEqual([
      ['complaints', 'uk-office'],
      ['office-hours', 'uk-office'],
      ['standard', '24x7'],
    ]);
    expect((await admin.get('/api/admin/calendars')).body.items[0]).toMatchObject({ id: 'uk-office', timeZone: 'Europe/London' });
  });

  it('creates a group, a queue on it and an SLA policy, and a workflow can then use them', async () => {
    expect((await admin.post('/api/admin/groups', { id: 'facilities', name: { en: 'Facilities' }, tier: 'second-line' })).status).toBe(201);
    expect((await admin.post('/api/admin/queues', { id: 'facilities', name: { en: 'Facilities' }, group: 'facilities' })).status).toBe(201);
    expect((await admin.post('/api/admin/sla-policies', { id: 'relaxed', name: { en: 'Relaxed' }, targets })).status).toBe(201);
    const wf = {
      id: 'desk-move',
      name: { en: 'Move my desk' },
      kind: 'request',
      form: { fields: [{ key: 'summary', type: 'text', required: true }] },
      priority: { default: 'P4' },
      defaultQueue: 'facilities',
      sla: 'relaxed',
    };
    expect((await admin.put('/api/admin/workflows/desk-move/draft', wf)).status).toBe(200);
    expect((await admin.post('/api/admin/workflows/desk-move/publish', {})).status).toBe(201);
    const requester = await t.as('requester@example.com');
    const res = await requester.post('/api/workflows/desk-move/submissions', { fields: { summary: 'Move to room 4.12' } });
    expect(res.status).toBe(201);
    expect(res.body.ticket).toMatchObject({ queue: 'facilities', priority: 'P4', slaPolicy: 'relaxed' });
    expect((Date.parse(res.body.ticket.slaDue.resolution) - Date.parse(res.body.ticket.createdAt)) / 60_000).toBe(4800);
  });

  it('refuses a duplicate id, a queue on a missing group, and an SLA policy missing a priority, by path', async () => {
    const dup = await admin.post('/api/admin/groups', { id: 'facilities', name: { en: 'Again' }, tier: 'first-line' });
    expect(dup.status).toBe(409);
    const orphan = await admin.post('/api/admin/queues', { id: 'garden', name: { en: 'Garden' }, group: 'gardeners' });
    expect(orphan.status).toBe(422);
    expect(orphan.body.errors).toEqual([{ path: 'group', message: 'the group "gardeners" does not exist' }]);
    const { P4: _dropped, ...threeTargets } = targets;
    const partial = await admin.post('/api/admin/sla-policies', { id: 'partial', name: { en: 'Partial' }, targets: threeTargets });
    expect(partial.status).toBe(422);
    expect(partial.body.errors).toEqual([{ path: 'targets.P4', message: 'is required' }]);
  });

  it('replaces a queue with PUT, and 404s for one that does not exist', async () => {
    const res = await admin.put('/api/admin/queues/facilities', { id: 'facilities', name: { en: 'Facilities and estates' }, group: 'facilities', manager: 'estates@example.com' });
    expect(res.status).toBe(200);
    expect(res.body.manager).toBe('estates@example.com');
    expect((await admin.put('/api/admin/queues/nowhere', { id: 'nowhere', name: { en: 'N' }, group: 'facilities' })).status).toBe(404);
  });

  it("sets a group's members by e-mail, refusing unknown people and requesters at their place in the list", async () => {
    const refused = await admin.put('/api/admin/groups/facilities/members', { members: ['agent@example.com', 'nobody@example.com', 'requester@example.com'] });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(['members[1]', 'members[2]']);
    const res = await admin.put('/api/admin/groups/facilities/members', { members: ['Agent@Example.com', 'specialist@example.com'] });
    expect(res.status).toBe(200);
    expect(res.body.members).toEqual(['agent@example.com', 'specialist@example.com']);
    const users = (await admin.get('/api/admin/users')).body.items as { email: string; groups: string[] }[];
    expect(users.filter((u) => u.groups.includes('facilities')).map((u) => u.email)).toEqual(['agent@example.com', 'specialist@example.com']);
    // Other memberships stay: the agent is still on the service desk.
    expect(users.find((u) => u.email === 'agent@example.com')?.groups).toContain('service-desk');
    expect((await admin.put('/api/admin/groups/facilities/members', { members: ['specialist@example.com'] })).body.members).toEqual(['specialist@example.com']);
    expect((await admin.put('/api/admin/groups/nowhere/members', { members: [] })).status).toBe(404);
  });

  it('names the interval that ends before it starts, and the day whose hours overlap', async () => {
    const res = await admin.post('/api/admin/calendars', {
      id: 'backwards', name: { en: 'Backwards' }, timeZone: 'Europe/London',
      hours: { mon: [['09:00', '12:00'], ['11:00', '17:00']], fri: [['17:00', '09:00']] },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { path: 'hours.fri[0]', message: 'an interval must end after it starts' },
      { path: 'hours.mon', message: 'opening hours overlap' },
    ]);
  });

  it('is for admins only', async () => {
    const manager = await t.as('manager@example.com');
    expect((await manager.post('/api/admin/groups', { id: 'x', name: { en: 'X' }, tier: 'first-line' })).status).toBe(403);
  });
});

describe('the outbox without SMTP', () => {
  it('keeps notifications pending and readable by admins', async () => {
    const requester = await t.as('requester@example.com');
    const res = await requester.post('/api/workflows/it-incident/submissions', {
      fields: { summary: 'No SMTP here', service: 'other', impact: 'me', urgency: 'low', details: 'x' },
    });
    const outbox = (await admin.get('/api/admin/outbox?status=pending')).body.items.filter((m: { ticketId: number }) => m.ticketId === res.body.ticket.id);
    expect(outbox.map((m: { template: string }) => m.template).sort()).toEqual(['ack-requester', 'new-ticket-queue', 'new-ticket-queue']);
    expect(outbox.find((m: { template: string }) => m.template === 'ack-requester')).toMatchObject({ recipient: 'requester@example.com', attempts: 0, sentAt: null });
    expect((await requester.get('/api/admin/outbox')).status).toBe(403);
  });
});

describe('SLA on a business calendar', () => {
  it('counts only opening hours: Friday 16:30 + 4 h response is Monday 11:30, and a bank holiday Monday moves it to Tuesday', async () => {
    let now = new Date('2026-11-20T16:30:00Z'); // a Friday, GMT
    const desk = await startTestDesk({ smtp: false, now: () => now });
    try {
      const requester = await desk.as('requester@example.com');
      const fields = { summary: 'Need Visio', item: 'software-licence', software_name: 'Visio', business_reason: 'Diagrams', urgency: 'medium' };
      const friday = await requester.post('/api/workflows/service-request/submissions', { fields });
      expect(friday.body.ticket).toMatchObject({ priority: 'P3', slaPolicy: 'office-hours' });
      expect(friday.body.ticket.slaDue.response).toBe('2026-11-23T11:30:00.000Z');

      now = new Date('2026-08-28T15:30:00Z'); // Friday 16:30 BST before the August bank holiday
      const holiday = await requester.post('/api/workflows/service-request/submissions', { fields });
      expect(holiday.body.ticket.slaDue.response).toBe('2026-09-01T10:30:00.000Z'); // Tuesday 11:30 BST
    } finally {
      await desk.close();
    }
  });

  it('refuses a policy on a calendar that does not exist, and accepts a new calendar', async () => {
    const targets = { P1: { responseMinutes: 1, resolutionMinutes: 2 }, P2: { responseMinutes: 1, resolutionMinutes: 2 }, P3: { responseMinutes: 1, resolutionMinutes: 2 }, P4: { responseMinutes: 1, resolutionMinutes: 2 } };
    const refused = await admin.post('/api/admin/sla-policies', { id: 'shanghai-sla', name: { en: 'Shanghai' }, calendar: 'shanghai-office', targets });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ path: 'calendar', message: 'the calendar "shanghai-office" does not exist; use "24x7" or a calendar\'s id' }]);
    const cal = await admin.post('/api/admin/calendars', {
      id: 'shanghai-office', name: { en: 'Shanghai office' }, timeZone: 'Asia/Shanghai',
      hours: { mon: [['09:00', '12:00'], ['13:30', '18:00']] },
    });
    expect(cal.status).toBe(201);
    expect((await admin.post('/api/admin/sla-policies', { id: 'shanghai-sla', name: { en: 'Shanghai' }, calendar: 'shanghai-office', targets })).status).toBe(201);
    const bad = await admin.post('/api/admin/calendars', { id: 'mars', name: { en: 'Mars' }, timeZone: 'Mars/Olympus', hours: {} });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('timeZone');
  });
});
