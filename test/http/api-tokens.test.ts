/**
 * API tokens: an admin issues one (optionally until a date), lists them
 * with who they act as and when each was last used, and revokes one. An
 * expired or revoked token is 401 from the next request on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, tokenClient, type Client, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let admin: Client;
let clock = new Date('2026-12-03T09:00:00.000Z');
const later = (ms: number) => (clock = new Date(clock.getTime() + ms));

beforeAll(async () => {
  t = await startTestDesk({ smtp: false, now: () => clock });
  admin = await t.as('admin@example.com');
});
afterAll(() => t.close());

const issue = async (body: Record<string, unknown>) => {
  const res = await admin.post('/api/admin/tokens', body);
  expect(res.status).toBe(201);
  return res.body as { id: string; token: string; expiresAt: string | null };
};
const listed = async (id: string) => ((await admin.get('/api/admin/tokens')).body.items as { id: string }[]).find((i) => i.id === id) as Record<string, unknown> | undefined;

describe('GET /api/admin/tokens', () => {
  it('lists each token with its name, owner, creation, last use and expiry, never its secret', async () => {
    const made = await issue({ name: 'Monitoring', email: 'agent@example.com', expiresAt: '2027-01-01T00:00:00Z' });
    expect(made.expiresAt).toBe('2027-01-01T00:00:00.000Z');
    const res = await admin.get('/api/admin/tokens');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['items']);
    expect(await listed(made.id)).toEqual({
      id: made.id,
      name: 'Monitoring',
      owner: { id: expect.any(String), name: 'Sam Agent', email: 'agent@example.com' },
      createdAt: '2026-12-03T09:00:00.000Z',
      lastUsedAt: null,
      expiresAt: '2027-01-01T00:00:00.000Z',
    });
    expect(JSON.stringify(res.body)).not.toContain(made.token);
    const never = await issue({ name: 'Forever' });
    expect(await listed(never.id)).toMatchObject({ owner: { email: 'admin@example.com' }, expiresAt: null });
  });

  it('records when a token was last used, at most once a minute', async () => {
    const made = await issue({ name: 'Busy integration', email: 'agent@example.com' });
    const api = tokenClient(t.url, made.token);
    const firstUse = later(1000).toISOString();
    expect((await api.get('/api/me')).status).toBe(200);
    expect((await listed(made.id))?.lastUsedAt).toBe(firstUse);
    later(30_000);
    expect((await api.get('/api/me')).status).toBe(200);
    expect((await listed(made.id))?.lastUsedAt).toBe(firstUse);
    const aMinuteOn = later(31_000).toISOString();
    expect((await api.get('/api/me')).status).toBe(200);
    expect((await listed(made.id))?.lastUsedAt).toBe(aMinuteOn);
  });

  it('is for admins only', async () => {
    const agent = await t.as('agent@example.com');
    expect((await agent.get('/api/admin/tokens')).status).toBe(403);
    expect((await agent.request('DELETE', '/api/admin/tokens/anything')).status).toBe(403);
    expect((await t.anonymous().get('/api/admin/tokens')).status).toBe(401);
  });
});

describe('expiry', () => {
  it('works until the expiry, and is 401 from then on', async () => {
    const made = await issue({ name: 'One hour', email: 'agent@example.com', expiresAt: new Date(clock.getTime() + 3_600_000).toISOString() });
    const api = tokenClient(t.url, made.token);
    later(3_599_000);
    expect((await api.get('/api/me')).status).toBe(200);
    later(1000);
    const expired = await api.get('/api/me');
    expect([expired.status, expired.body.code]).toEqual([401, 'bad-token']);
  });

  it('refuses an expiry that is not in the future, by path', async () => {
    const past = await admin.post('/api/admin/tokens', { name: 'Past', expiresAt: new Date(clock.getTime() - 1000).toISOString() });
    expect([past.status, past.body.errors.map((e: { path: string }) => e.path)]).toEqual([422, ['expiresAt']]);
    const garbled = await admin.post('/api/admin/tokens', { name: 'Garbled', expiresAt: 'next tuesday' });
    expect([garbled.status, garbled.body.errors.map((e: { path: string }) => e.path)]).toEqual([422, ['expiresAt']]);
  });
});

describe('DELETE /api/admin/tokens/{id}', () => {
  it('revokes a token: 401 from the next request on, and gone from the list', async () => {
    const made = await issue({ name: 'Leaked', email: 'agent@example.com' });
    const kept = await issue({ name: 'Kept', email: 'agent@example.com' });
    const api = tokenClient(t.url, made.token);
    expect((await api.get('/api/me')).status).toBe(200);
    expect((await admin.request('DELETE', `/api/admin/tokens/${made.id}`)).status).toBe(204);
    const refused = await api.get('/api/me');
    expect([refused.status, refused.body.code]).toEqual([401, 'bad-token']);
    expect(await listed(made.id)).toBeUndefined();
    expect((await tokenClient(t.url, kept.token).get('/api/me')).status).toBe(200);
    expect((await admin.request('DELETE', `/api/admin/tokens/${made.id}`)).status).toBe(404);
  });
});
