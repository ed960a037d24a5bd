/**
 * Sessions, CSRF, CORS and signing in: a cookie session cannot be ridden
 * from another site, no origin gets credentialed CORS, the session cookie is
 * out of a script's reach, guessing passwords is throttled, and passwords
 * and session secrets are stored only as hashes.
 *
 * Mirrors the Zammad CORS advisory issue 8 names (GHSA-7f39-jjj6-7fwv),
 * CSRF on helpdesk state changes, and brute-forced helpdesk logins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInLimit } from '../../server/services/auth.service.ts';
import { castOfPeople, incident, password, startTestDesk, type People, type TestDesk } from './support/people.ts';
import { apiRoutes } from './support/route-table.ts';

let t: TestDesk;
let people: People;
let clock = new Date('2026-11-23T10:00:00Z');
const evil = 'https://evil.example';

beforeAll(async () => {
  t = await startTestDesk({ smtp: false, now: () => clock });
  people = await castOfPeople(t);
});
afterAll(() => t.close());

const signIn = (email: string, pass: string, headers: Record<string, string> = {}) =>
  fetch(`${t.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ email, password: pass }) });

async function session(email: string, pass: string): Promise<string> {
  const res = await signIn(email, pass);
  expect(res.status).toBe(200);
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
}

describe('cross-site requests (CSRF)', () => {
  let cookie: string;
  let ticketPath: string;
  beforeAll(async () => {
    cookie = await session('requester@example.com', 'deskwright-demo');
    ticketPath = `/api/tickets/${(await people.owner.post('/api/workflows/it-incident/submissions', incident('Docking station dead'))).body.ticket.id}`;
  });

  // What a page on another site can send without asking first: a form post, text/plain, or no body type at all.
  it.each([
    ['a form post', 'application/x-www-form-urlencoded', 'body=pwned'],
    ['multipart', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="body"\r\n\r\npwned\r\n--x--\r\n'],
    ['text/plain', 'text/plain', '{"body":"pwned"}'],
    ['no content type', undefined, undefined],
  ])('refuses %s from a foreign Origin on a cookie session with 403 problem+json', async (_what, type, body) => {
    for (const origin of [evil, 'null']) {
      const res = await fetch(`${t.url}${ticketPath}/comments`, { method: 'POST', headers: { cookie, origin, ...(type ? { 'content-type': type } : {}) }, ...(body ? { body } : {}) });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await res.json()).code).toBe('forbidden');
    }
    // The same write from the desk's own page goes through (the control), and only that one was written.
    const own = await fetch(`${t.url}${ticketPath}/comments`, { method: 'POST', headers: { cookie, origin: t.url, 'content-type': 'application/json' }, body: JSON.stringify({ body: 'from the desk' }) });
    expect(own.status).toBe(200);
    const replies = (await people.owner.get(ticketPath)).body.events.filter((e: { type: string }) => e.type === 'reply.requester');
    expect(replies.map((e: { data: { body: string } }) => e.data.body)).not.toContain('pwned');
  });

  it('refuses a JSON write on a cookie session from a foreign Origin or a cross-site fetch, should CORS ever open', async () => {
    const attempts: Record<string, string>[] = [{ origin: evil }, { origin: t.url, 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }];
    for (const headers of attempts) {
      const res = await fetch(`${t.url}${ticketPath}/comments`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', ...headers }, body: JSON.stringify({ body: 'pwned by json' }) });
      expect(res.status).toBe(403);
      expect((await res.json()).detail).toContain('must come from the desk itself');
    }
    const own = await fetch(`${t.url}${ticketPath}/comments`, { method: 'POST', headers: { cookie, origin: t.url, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' }, body: JSON.stringify({ body: 'json from the desk' }) });
    expect(own.status).toBe(200);
    const replies = (await people.owner.get(ticketPath)).body.events.filter((e: { type: string }) => e.type === 'reply.requester').map((e: { data: { body: string } }) => e.data.body);
    expect(replies).toContain('json from the desk');
    expect(replies).not.toContain('pwned by json');
  });

  it('gives a foreign page no CORS pass for a JSON write, so a browser never sends it', async () => {
    const preflight = await fetch(`${t.url}${ticketPath}/comments`, {
      method: 'OPTIONS',
      headers: { origin: evil, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('lets a bearer token (which no browser sends by itself) write without an Origin', async () => {
    const res = await people.as.token.post('/api/workflows/it-incident/submissions', incident('Disk 95% full'));
    expect(res.status).toBe(201);
  });
});

describe('CORS', () => {
  it('answers no route with credentialed or wildcard CORS, whatever the Origin', async () => {
    const cookie = await session('admin@example.com', 'deskwright-demo');
    const gets = apiRoutes().filter((r) => r.method === 'GET' && !r.path.includes(':'));
    expect(gets.length).toBeGreaterThan(10);
    for (const r of gets) {
      for (const origin of [evil, 'null', t.url]) {
        const res = await fetch(t.url + r.path, { headers: { cookie, origin } });
        expect(res.headers.get('access-control-allow-origin'), `${r.key} from ${origin}`).toBeNull();
        expect(res.headers.get('access-control-allow-credentials'), r.key).toBeNull();
        await res.arrayBuffer();
      }
    }
  });
});

describe('the session cookie', () => {
  it('is httpOnly, SameSite=Lax, for the whole site, and Secure when the desk is on https', async () => {
    const plain = (await signIn('agent@example.com', 'deskwright-demo')).headers.getSetCookie()[0]!;
    expect(plain).toMatch(/^deskwright_session=[A-Za-z0-9_-]{43};/);
    expect(plain).toMatch(/; HttpOnly/i);
    expect(plain).toMatch(/; SameSite=Lax/i);
    expect(plain).toMatch(/; Path=\//i);
    expect(plain).not.toMatch(/; Secure/i);
    const config = t.desk.context.config;
    config.secureCookies = true;
    try {
      expect((await signIn('agent@example.com', 'deskwright-demo')).headers.getSetCookie()[0]).toMatch(/; Secure/i);
    } finally {
      config.secureCookies = false;
    }
  });

  it('is stored only as a hash, as are API tokens and passwords (scrypt, salted)', async () => {
    const cookie = await session('specialist@example.com', 'deskwright-demo');
    const secret = cookie.split('=')[1]!;
    const sessions = await t.desk.database.db.selectFrom('sessions').selectAll().execute();
    expect(JSON.stringify(sessions)).not.toContain(secret);
    expect(sessions.length).toBeGreaterThan(0);
    const tokens = await t.desk.database.db.selectFrom('api_tokens').selectAll().execute();
    expect(tokens.length).toBeGreaterThan(0);
    const issued = (await people.as.admin.post('/api/admin/tokens', { name: 'hash check', email: 'admin@example.com' })).body.token as string;
    expect(JSON.stringify(await t.desk.database.db.selectFrom('api_tokens').selectAll().execute())).not.toContain(issued);
    const hashes = (await t.desk.database.db.selectFrom('users').select(['email', 'password_hash']).execute()).filter((u) => u.password_hash);
    for (const u of hashes) {
      const [scheme, n, r] = u.password_hash!.split('$');
      expect(scheme).toBe('scrypt');
      expect(Number(n) * Number(r) * 128, 'memory per hash, bytes').toBeGreaterThanOrEqual(128 * 1024 * 1024);
    }
    // Accounts with their own passwords have their own salts. (The demo accounts share one hash of the
    // published demo password, made once, which `deskwright serve` switches off.)
    const own = hashes.filter((u) => ['bea@example.com', 'net-agent@example.com'].includes(u.email));
    expect(own).toHaveLength(2);
    expect(new Set(own.map((u) => u.password_hash!.split('$')[4])).size).toBe(2);
  });
});

describe('guessing passwords', () => {
  it(`is refused with 429 and Retry-After after ${signInLimit.failures} wrong passwords, even with the right one`, async () => {
    for (let i = 0; i < signInLimit.failures; i += 1) expect((await signIn('manager@example.com', `guess ${i}`)).status).toBe(401);
    const refused = await signIn('manager@example.com', 'deskwright-demo');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect((await refused.json()).code).toBe('too-many-attempts');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(signInLimit.windowMs / 1000);
    // Other accounts are not locked out by it.
    expect((await signIn('agent@example.com', 'deskwright-demo')).status).toBe(200);
    // Once the window has passed, the right password works again.
    clock = new Date(clock.getTime() + signInLimit.windowMs + 1000);
    expect((await signIn('manager@example.com', 'deskwright-demo')).status).toBe(200);
  });

  it('counts only wrong passwords since the last success', async () => {
    for (let i = 0; i < signInLimit.failures - 1; i += 1) expect((await signIn('bea@example.com', 'nope')).status).toBe(401);
    expect((await signIn('bea@example.com', password)).status).toBe(200);
    for (let i = 0; i < signInLimit.failures - 1; i += 1) expect((await signIn('BEA@example.com', 'nope')).status).toBe(401);
    expect((await signIn('bea@example.com', password)).status).toBe(200);
  });

  it('throttles an address that does not exist the same way, so the answer tells nothing', async () => {
    for (let i = 0; i < signInLimit.failures; i += 1) expect((await signIn('nobody@example.com', 'x')).status).toBe(401);
    expect((await signIn('nobody@example.com', 'x')).status).toBe(429);
  });
});
