/**
 * Desk settings keep a revision: two admins editing one queue (or group,
 * SLA policy, calendar) cannot silently overwrite each other — the second
 * save, based on the revision they opened, is a 409 carrying both versions.
 * A setting nothing uses can be deleted; one in use is a 409 naming every
 * workflow, ticket count and other setting that uses it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let ada: Client;
let bob: Client;

beforeAll(async () => {
  t = await startTestDesk({ smtp: false });
  ada = await t.as('admin@example.com');
  bob = await t.as('admin@example.com');
});
afterAll(() => t.close());

const targets = {
  P1: { responseMinutes: 60, resolutionMinutes: 240 },
  P2: { responseMinutes: 120, resolutionMinutes: 480 },
  P3: { responseMinutes: 480, resolutionMinutes: 2400 },
  P4: { responseMinutes: 960, resolutionMinutes: 4800 },
};
const strip = ({ revision: _r, updatedAt: _a, updatedBy: _b, ...value }: Record<string, unknown>) => value;
const find = async (kind: string, id: string) => (await ada.get(`/api/admin/${kind}`)).body.items.find((x: { id: string }) => x.id === id);

describe('revisions of desk settings', () => {
  it('lists each setting with its revision, and raises it on every save, saying who saved', async () => {
    const shipped = await find('queues', 'network');
    expect(shipped).toMatchObject({ id: 'network', revision: 1, updatedBy: null });
    const saved = await ada.put('/api/admin/queues/network?baseRevision=1', { ...strip(shipped), name: { en: 'Network and Wi-Fi' } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ id: 'network', name: { en: 'Network and Wi-Fi' }, revision: 2, updatedBy: 'admin@example.com' });
    expect(await find('queues', 'network')).toMatchObject({ revision: 2, updatedBy: 'admin@example.com' });
  });

  it.each([
    ['queues', 'identity', (v: Record<string, unknown>) => ({ ...v, assignment: 'round-robin' }), (v: Record<string, unknown>) => ({ ...v, name: { en: 'Accounts' } })],
    ['groups', 'identity-team', (v: Record<string, unknown>) => ({ ...v, tier: 'third-line' }), (v: Record<string, unknown>) => ({ ...v, name: { en: 'Identity' } })],
    ['sla-policies', 'office-hours', (v: Record<string, unknown>) => ({ ...v, onReopen: 'restart' }), (v: Record<string, unknown>) => ({ ...v, name: { en: 'Office' } })],
    ['calendars', 'uk-office', (v: Record<string, unknown>) => ({ ...v, holidays: [{ date: '2026-12-25', name: 'Christmas' }] }), (v: Record<string, unknown>) => ({ ...v, timeZone: 'Europe/Dublin' })],
  ])('refuses the second of two admins’ saves of the %s setting "%s", with both versions', async (kind, id, adaEdit, bobEdit) => {
    const opened = await find(kind, id);
    const first = await ada.put(`/api/admin/${kind}/${id}?baseRevision=${opened.revision}`, adaEdit(strip(opened)));
    expect(first.status).toBe(200);
    expect(first.body.revision).toBe(opened.revision + 1);

    const mine = bobEdit(strip(opened));
    const second = await bob.put(`/api/admin/${kind}/${id}?baseRevision=${opened.revision}`, mine);
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('conflict');
    expect(second.body.detail).toContain(`revision ${opened.revision + 1}`);
    expect(second.body.current).toEqual(first.body);
    expect(second.body.yours).toMatchObject(mine);
    // Nothing of the refused save was stored.
    expect(await find(kind, id)).toEqual(first.body);

    // Knowingly saving over theirs, from their revision, works.
    const over = await bob.put(`/api/admin/${kind}/${id}?baseRevision=${first.body.revision}`, mine);
    expect(over.status).toBe(200);
    expect(over.body.revision).toBe(opened.revision + 2);
  });

  it('still saves without a base revision (scripts that always mean "replace")', async () => {
    const q = await find('queues', 'network');
    const res = await ada.put('/api/admin/queues/network', strip(q));
    expect(res.status).toBe(200);
    expect(res.body.revision).toBe(q.revision + 1);
  });
});

describe('deleting desk settings', () => {
  it('deletes a group, queue, SLA policy and calendar nothing uses', async () => {
    expect((await ada.post('/api/admin/calendars', { id: 'spare-cal', name: { en: 'Spare' }, timeZone: 'UTC', hours: { mon: [['09:00', '17:00']] } })).status).toBe(201);
    expect((await ada.post('/api/admin/sla-policies', { id: 'spare-sla', name: { en: 'Spare' }, calendar: 'spare-cal', targets })).status).toBe(201);
    expect((await ada.post('/api/admin/groups', { id: 'spare-group', name: { en: 'Spare' }, tier: 'second-line' })).status).toBe(201);
    expect((await ada.post('/api/admin/queues', { id: 'spare-queue', name: { en: 'Spare' }, group: 'spare-group' })).status).toBe(201);

    // Each is refused while another uses it, then goes once that one has gone.
    const group = await ada.request('DELETE', '/api/admin/groups/spare-group');
    expect(group.status).toBe(409);
    expect(group.body).toMatchObject({ code: 'in-use', errors: [{ path: 'queues.spare-queue', message: 'the queue "spare-queue" is worked by it' }] });
    const cal = await ada.request('DELETE', '/api/admin/calendars/spare-cal');
    expect(cal.status).toBe(409);
    expect(cal.body.errors).toEqual([{ path: 'sla-policies.spare-sla', message: 'the SLA policy "spare-sla" counts its hours' }]);

    for (const [kind, id] of [['queues', 'spare-queue'], ['groups', 'spare-group'], ['sla-policies', 'spare-sla'], ['calendars', 'spare-cal']]) {
      const res = await ada.request('DELETE', `/api/admin/${kind}/${id}`);
      expect(res.status, `${kind}/${id}`).toBe(204);
      expect(await find(kind!, id!), `${kind}/${id}`).toBeUndefined();
    }
    expect((await ada.request('DELETE', '/api/admin/queues/spare-queue')).status).toBe(404);
  });

  it('refuses to delete a queue and an SLA policy that workflows and tickets use, naming each', async () => {
    const requester = await t.as('requester@example.com');
    const sent = await requester.post('/api/workflows/it-incident/submissions', { fields: { summary: 'VPN drops', service: 'vpn', impact: 'me', urgency: 'low', details: 'Every hour' } });
    expect(sent.status).toBe(201);
    const queue = sent.body.ticket.queue as string;
    const res = await ada.request('DELETE', `/api/admin/queues/${queue}`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('in-use');
    const paths = (res.body.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toContain('tickets');
    expect(paths).toContain('workflows.it-incident.draft');
    expect(paths).toContain('workflows.it-incident.v1');
    expect(res.body.errors.find((e: { path: string }) => e.path === 'tickets').message).toMatch(/^\d+ tickets? (is|are) in it$/);
    expect(res.body.detail).toContain('the workflow "it-incident"');
    expect(await find('queues', queue)).toBeDefined();

    const sla = await ada.request('DELETE', `/api/admin/sla-policies/${sent.body.ticket.slaPolicy}`);
    expect(sla.status).toBe(409);
    expect((sla.body.errors as { path: string }[]).map((e) => e.path)).toEqual(expect.arrayContaining(['tickets', 'workflows.it-incident.v1']));
  });

  it('refuses a delete based on an older revision', async () => {
    expect((await ada.post('/api/admin/groups', { id: 'short-lived', name: { en: 'Short' }, tier: 'second-line' })).status).toBe(201);
    const opened = await find('groups', 'short-lived');
    expect((await bob.put(`/api/admin/groups/short-lived?baseRevision=${opened.revision}`, { ...strip(opened), name: { en: 'Renamed' } })).status).toBe(200);
    const res = await ada.request('DELETE', `/api/admin/groups/short-lived?baseRevision=${opened.revision}`);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'conflict', current: { revision: opened.revision + 1, updatedBy: 'admin@example.com' } });
    expect(await find('groups', 'short-lived')).toBeDefined();
  });

  it('is for admins only', async () => {
    const agent = await t.as('agent@example.com');
    expect((await agent.request('DELETE', '/api/admin/groups/identity-team')).status).toBe(403);
  });
});
