/**
 * Automatic assignment on a real desk: a queue set to round-robin hands its
 * new tickets to the members on shift by the group's duty rota, in turn.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let admin: Client;
// A Monday morning in London.
const clock = new Date('2026-11-23T10:00:00Z');

beforeAll(async () => {
  t = await startTestDesk({ smtp: false, now: () => clock });
  admin = await t.as('admin@example.com');
});
afterAll(() => t.close());

async function addAgent(email: string): Promise<string> {
  const res = await admin.post('/api/admin/users', { email, name: email.split('@')[0], password: 'correct-horse-battery', roles: ['agent'], groups: ['service-desk'] });
  expect(res.status).toBe(201);
  return res.body.user.id;
}

describe('round-robin assignment', () => {
  it('spreads 100 tickets evenly over the members on shift and skips those off shift', async () => {
    const onShift = [await addAgent('ana@example.com'), await addAgent('ben@example.com'), await addAgent('cai@example.com')];
    const weekendOnly = await addAgent('dee@example.com');
    const everyDay = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
    // The desk's manager keeps the rota, not only an admin.
    const manager = await t.as('manager@example.com');
    const rota = await manager.put('/api/groups/service-desk/rota', {
      rota: {
        timeZone: 'Europe/London',
        shifts: [
          { member: 'ana@example.com', days: everyDay, from: '08:00', to: '18:00' },
          { member: 'BEN@example.com', days: everyDay, from: '08:00', to: '18:00' },
          { member: 'cai@example.com', days: ['mon'], from: '09:00', to: '17:00' },
          { member: 'dee@example.com', days: ['sat', 'sun'], from: '09:00', to: '17:00' },
        ],
      },
    });
    expect(rota.status).toBe(200);
    expect((await (await t.as('agent@example.com')).put('/api/groups/service-desk/rota', { rota: null })).status).toBe(403);
    const queue = await admin.put('/api/admin/queues/first-line', {
      id: 'first-line',
      name: { en: 'First line' },
      group: 'service-desk',
      manager: 'manager@example.com',
      assignment: 'round-robin',
    });
    expect(queue.status).toBe(200);

    const requester = await t.as('requester@example.com');
    const counts = new Map<string | null, number>();
    for (let i = 0; i < 100; i++) {
      const res = await requester.post('/api/workflows/it-incident/submissions', {
        fields: { summary: `Round robin ${i}`, service: 'other', impact: 'me', urgency: 'low', details: 'x' },
      });
      expect(res.status).toBe(201);
      // Handed out by the queue, but nobody has touched it yet.
      expect(res.body.ticket.status).toBe('new');
      counts.set(res.body.ticket.assigneeId, (counts.get(res.body.ticket.assigneeId) ?? 0) + 1);
    }
    expect(onShift.map((id) => counts.get(id)).sort()).toEqual([33, 33, 34]);
    expect(counts.get(weekendOnly)).toBeUndefined();
    // The demo agent and manager are in the group but have no shift in the rota.
    expect([...counts.keys()].sort()).toEqual([...onShift].sort());
  });

  it('refuses a rota with a bad time, at its exact path', async () => {
    const res = await admin.put('/api/admin/groups/network-team', {
      id: 'network-team',
      name: { en: 'Network team' },
      tier: 'second-line',
      rota: { timeZone: 'Europe/London', shifts: [{ member: 'nia@example.com', days: ['mon'], from: '9am', to: '17:00' }] },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('rota.shifts[0].from');
  });
});
