/**
 * An admin changes accounts on a real desk: roles and groups, deactivating
 * (signed out at once, cannot sign in, skipped by queues, kept on tickets)
 * and reactivating, a new password; and the desk never loses its last admin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../server/services/accounts-bootstrap.service.ts';
import { startTestDesk, tokenClient, type Client, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let admin: Client;
const password = 'correct-horse-battery';
// A Monday morning in London.
const clock = new Date('2026-11-23T10:00:00Z');

beforeAll(async () => {
  t = await startTestDesk({ smtp: false, now: () => clock });
  admin = await t.as('admin@example.com');
});
afterAll(() => t.close());

const patch = (as: Client, id: string, body: unknown) => as.request('PATCH', `/api/admin/users/${id}`, body);

async function addAccount(email: string, roles: string[], groups: string[] = []): Promise<string> {
  const res = await admin.post('/api/admin/users', { email, name: email.split('@')[0], password, roles, groups });
  expect(res.status).toBe(201);
  return res.body.user.id;
}

const signInStatus = async (email: string, pass = password) =>
  (await t.anonymous().post('/api/auth/login', { email, password: pass })).status;

describe('PATCH /api/admin/users/{id}', () => {
  it('changes name, roles, groups, language and time zone', async () => {
    const id = await addAccount('rhys@example.com', ['requester']);
    const res = await patch(admin, id, { name: 'Rhys Jones', roles: ['agent', 'specialist'], groups: ['network-team'], locale: 'cy', timeZone: 'europe/london' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ name: 'Rhys Jones', roles: ['agent', 'specialist'], groups: ['network-team'], locale: 'cy', timeZone: 'Europe/London', deactivatedAt: null });
    const listed = (await admin.get('/api/admin/users')).body.items.find((u: { id: string }) => u.id === id);
    expect(listed).toMatchObject({ name: 'Rhys Jones', roles: ['agent', 'specialist'], groups: ['network-team'] });
    // The new roles hold at once for the person.
    const rhys = await t.as('rhys@example.com', password);
    expect((await rhys.get('/api/me')).body.user.roles).toEqual(['agent', 'specialist']);
  });

  it('refuses unknown groups and fields at their paths, and unknown accounts', async () => {
    const id = await addAccount('gwen@example.com', ['requester']);
    const bad = await patch(admin, id, { groups: ['network-team', 'no-such-team'] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'groups[1]' })]);
    const zone = await patch(admin, id, { timeZone: '+01:00' });
    expect(zone.status).toBe(422);
    expect(zone.body.errors[0].path).toBe('timeZone');
    expect((await patch(admin, id, { email: 'other@example.com' })).status).toBe(422);
    expect((await patch(admin, 'no-such-id', { name: 'X' })).status).toBe(404);
    // Only admins change accounts.
    expect((await patch(await t.as('manager@example.com'), id, { roles: ['admin'] })).status).toBe(403);
  });
});

describe('deactivating an account', () => {
  it('signs the person out at once, refuses their token and sign-in, and reactivating lets them back in', async () => {
    const id = await addAccount('owen@example.com', ['agent'], ['service-desk']);
    const owen = await t.as('owen@example.com', password);
    const issued = await admin.post('/api/admin/tokens', { name: 'Owen script', email: 'owen@example.com' });
    const token = tokenClient(t.url, issued.body.token);
    expect((await owen.get('/api/me')).status).toBe(200);
    expect((await token.get('/api/me')).status).toBe(200);

    const off = await patch(admin, id, { active: false });
    expect(off.status).toBe(200);
    expect(off.body.user.deactivatedAt).toBe(clock.toISOString());
    expect((await owen.get('/api/me')).status).toBe(401);
    expect((await token.get('/api/me')).status).toBe(401);
    const refused = await t.anonymous().post('/api/auth/login', { email: 'owen@example.com', password });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('account-deactivated');
    // A wrong password says nothing about the account being deactivated.
    expect(await signInStatus('owen@example.com', 'not the password at all')).toBe(401);
    const listed = (await admin.get('/api/admin/users')).body.items.find((u: { id: string }) => u.id === id);
    expect(listed.deactivatedAt).toBe(clock.toISOString());
    // Still a member of the group, waiting for reactivation.
    expect(listed.groups).toEqual(['service-desk']);

    const on = await patch(admin, id, { active: true });
    expect(on.status).toBe(200);
    expect(on.body.user.deactivatedAt).toBeNull();
    expect(await signInStatus('owen@example.com')).toBe(200);
    // The old session stays ended; the token works again.
    expect((await owen.get('/api/me')).status).toBe(401);
    expect((await token.get('/api/me')).status).toBe(200);
  });

  it('keeps a deactivated requester on their tickets', async () => {
    const id = await addAccount('tom@example.com', ['requester']);
    const tom = await t.as('tom@example.com', password);
    const submitted = await tom.post('/api/workflows/it-incident/submissions', {
      fields: { summary: 'Printer jam', service: 'other', impact: 'me', urgency: 'low', details: 'x' },
    });
    expect(submitted.status).toBe(201);
    expect((await patch(admin, id, { active: false })).status).toBe(200);
    const ticket = await (await t.as('agent@example.com')).get(`/api/tickets/${submitted.body.ticket.id}`);
    expect(ticket.status).toBe(200);
    expect(ticket.body.ticket.requesterId).toBe(id);
  });

  it('refuses deactivating yourself, and taking the admin role from the last active admin', async () => {
    const me = (await admin.get('/api/me')).body.user.id;
    const self = await patch(admin, me, { active: false });
    expect(self.status).toBe(422);
    expect(self.body.errors[0].path).toBe('active');
    const demote = await patch(admin, me, { roles: ['manager'] });
    expect(demote.status).toBe(409);
    expect(demote.body.errors[0].path).toBe('roles');
    expect((await admin.get('/api/me')).body.user.roles).toEqual(['admin']);

    // With a second admin, the first may step down; the second may not then leave the desk without one.
    const second = await addAccount('ines@example.com', ['admin']);
    expect((await patch(admin, me, { roles: ['admin', 'manager'] })).status).toBe(200);
    const ines = await t.as('ines@example.com', password);
    expect((await patch(ines, me, { active: false })).status).toBe(200);
    const last = await patch(ines, second, { roles: ['agent'] });
    expect(last.status).toBe(409);
    expect((await patch(ines, me, { active: true })).status).toBe(200);
    admin = await t.as('admin@example.com');
    expect((await admin.get('/api/me')).status).toBe(200);
  });
});

describe('POST /api/admin/users/{id}/password', () => {
  it('sets a new password with the creation rules and ends the account’s sessions', async () => {
    const id = await addAccount('ffion@example.com', ['requester']);
    const ffion = await t.as('ffion@example.com', password);
    const short = await admin.post(`/api/admin/users/${id}/password`, { password: 'short' });
    expect(short.status).toBe(422);
    expect(short.body.errors[0].path).toBe('password');
    expect((await ffion.get('/api/me')).status).toBe(200);

    const res = await admin.post(`/api/admin/users/${id}/password`, { password: 'a brand new long password' });
    expect(res.status).toBe(204);
    expect((await ffion.get('/api/me')).status).toBe(401);
    expect(await signInStatus('ffion@example.com')).toBe(401);
    expect(await signInStatus('ffion@example.com', 'a brand new long password')).toBe(200);
    expect((await admin.post('/api/admin/users/no-such-id/password', { password: 'a brand new long password' })).status).toBe(404);
  });

  it('keeps the admin’s own session when they set their own password, and ends their others', async () => {
    const me = (await admin.get('/api/me')).body.user.id;
    const elsewhere = await t.as('admin@example.com');
    expect((await admin.post(`/api/admin/users/${me}/password`, { password: 'the admins new password' })).status).toBe(204);
    expect((await admin.get('/api/me')).status).toBe(200);
    expect((await elsewhere.get('/api/me')).status).toBe(401);
    expect(await signInStatus('admin@example.com', demoPassword)).toBe(401);
  });
});

describe('queues and deactivated members', () => {
  it('round-robin skips a deactivated member, and takes them back on reactivation', async () => {
    const ana = await addAccount('ana@example.com', ['agent'], ['service-desk']);
    const ben = await addAccount('ben@example.com', ['agent'], ['service-desk']);
    const everyDay = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
    expect(
      (await admin.put('/api/groups/service-desk/rota', {
        rota: { timeZone: 'Europe/London', shifts: ['ana@example.com', 'ben@example.com'].map((member) => ({ member, days: everyDay, from: '08:00', to: '18:00' })) },
      })).status,
    ).toBe(200);
    const queue = await admin.put('/api/admin/queues/first-line', { id: 'first-line', name: { en: 'First line' }, group: 'service-desk', manager: 'manager@example.com', assignment: 'round-robin' });
    expect(queue.status).toBe(200);
    const requester = await t.as('requester@example.com');
    const submit = async () =>
      (await requester.post('/api/workflows/it-incident/submissions', { fields: { summary: 'Turns', service: 'other', impact: 'me', urgency: 'low', details: 'x' } })).body.ticket.assigneeId;

    expect(new Set([await submit(), await submit()])).toEqual(new Set([ana, ben]));
    expect((await patch(admin, ben, { active: false })).status).toBe(200);
    expect([await submit(), await submit(), await submit()]).toEqual([ana, ana, ana]);
    // Nor can an agent hand them a ticket by hand, and the assignee list leaves them out.
    const agent = await t.as('agent@example.com');
    const ticket = (await requester.post('/api/workflows/it-incident/submissions', { fields: { summary: 'By hand', service: 'other', impact: 'me', urgency: 'low', details: 'x' } })).body.ticket;
    expect((await agent.get(`/api/tickets/${ticket.id}/options`)).body.assignees.map((p: { id: string }) => p.id)).not.toContain(ben);
    const byHand = await agent.post(`/api/tickets/${ticket.id}/assign`, { agentId: ben });
    expect(byHand.status).toBe(422);
    expect(byHand.body.errors[0].path).toBe('agentId');
    expect((await patch(admin, ben, { active: true })).status).toBe(200);
    expect(await submit()).toBe(ben);
  });
});
