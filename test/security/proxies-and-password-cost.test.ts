/**
 * Behind a reverse proxy: the sign-in limit counts per client address only
 * when the request comes through a proxy named in DESK_TRUSTED_PROXIES;
 * anyone else's X-Forwarded-For is ignored, or a guesser would just send a
 * new one with each try. And passwords: hashed at OWASP's scrypt cost, an
 * older, cheaper hash still signs in and is replaced on the way.
 *
 * Mirrors the class of helpdesk advisories where a brute-force limit is
 * bypassed with forged forwarding headers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { signInLimit } from '../../server/services/auth.service.ts';
import { hashPassword, scryptParams } from '../../server/services/passwords.ts';
import { startTestDesk, type TestDesk } from '../support/test-desk.ts';

let behindProxy: TestDesk;
let exposed: TestDesk;

beforeAll(async () => {
  // The tests' requests come from loopback: trusted on one desk, not on the other.
  [behindProxy, exposed] = await Promise.all([
    startTestDesk({ smtp: false, env: { DESK_TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1/32, ::1' } }),
    startTestDesk({ smtp: false, env: { DESK_TRUSTED_PROXIES: '10.0.0.0/8' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([behindProxy.close(), exposed.close()]);
});

const signIn = (t: TestDesk, email: string, password: string, forwardedFor: string) =>
  fetch(`${t.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor }, body: JSON.stringify({ email, password }) });

const guessFrom = async (t: TestDesk, email: string, forwardedFor: (i: number) => string) => {
  for (let i = 0; i < signInLimit.failures; i += 1) expect((await signIn(t, email, `guess ${i}`, forwardedFor(i))).status).toBe(401);
};

// Each wrong guess costs a full-strength scrypt: generous time on a busy machine.
const guessing = { timeout: 90_000 };

describe('DESK_TRUSTED_PROXIES', () => {
  it('through a trusted proxy: limits the client the proxy names, not everyone behind it', guessing, async () => {
    await guessFrom(behindProxy, 'manager@example.com', () => '198.51.100.7');
    expect((await signIn(behindProxy, 'manager@example.com', 'deskwright-demo', '198.51.100.7')).status).toBe(429);
    // Someone else behind the same proxy still signs in.
    expect((await signIn(behindProxy, 'manager@example.com', 'deskwright-demo', '203.0.113.20')).status).toBe(200);
  });

  it('believes only the entry the trusted proxy appended: a client cannot escape the limit by writing its own', guessing, async () => {
    await guessFrom(behindProxy, 'agent@example.com', (i) => `192.0.2.${i + 1}, 198.51.100.8`);
    expect((await signIn(behindProxy, 'agent@example.com', 'deskwright-demo', '192.0.2.99, 198.51.100.8')).status).toBe(429);
  });

  it('from an address that is not a trusted proxy: X-Forwarded-For is ignored, so a new one each try does not help', guessing, async () => {
    await guessFrom(exposed, 'manager@example.com', (i) => `198.51.100.${i + 1}`);
    expect((await signIn(exposed, 'manager@example.com', 'deskwright-demo', '203.0.113.20')).status).toBe(429);
  });

  it('refuses to start with an entry that is not a CIDR, naming it', () => {
    expect(() => loadConfig({ DESK_TRUSTED_PROXIES: '10.0.0.0/8, proxy.internal' })).toThrow(/DESK_TRUSTED_PROXIES: "proxy.internal" is not an IP address or CIDR range/);
  });
});

describe('password cost', () => {
  const stored = (t: TestDesk, email: string) =>
    (t.desk.database.sqlite.prepare('SELECT password_hash FROM users WHERE email = ?').get(email) as { password_hash: string }).password_hash;

  it("hashes at OWASP's recommendation: scrypt N=2^17, r=8, p=1", async () => {
    expect(scryptParams).toEqual({ N: 131072, r: 8, p: 1 });
    const admin = await exposed.as('admin@example.com');
    expect((await admin.post('/api/admin/users', { email: 'cost@example.com', name: 'Cost', password: 'a long enough password', roles: ['requester'] })).status).toBe(201);
    expect(stored(exposed, 'cost@example.com')).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(stored(exposed, 'requester@example.com')).toMatch(/^scrypt\$131072\$8\$1\$/);
  });

  it('signs in with a hash of the old, lower cost and replaces it with one at the current cost', async () => {
    const old = await hashPassword('an older password here', { N: 16384, r: 8, p: 1 });
    exposed.desk.database.sqlite.prepare('UPDATE users SET password_hash = ? WHERE email = ?').run(old, 'specialist@example.com');
    const wrong = await signIn(exposed, 'specialist@example.com', 'not the password', '');
    expect(wrong.status).toBe(401);
    expect(stored(exposed, 'specialist@example.com')).toBe(old);

    expect((await signIn(exposed, 'specialist@example.com', 'an older password here', '')).status).toBe(200);
    const upgraded = stored(exposed, 'specialist@example.com');
    expect(upgraded).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(upgraded).not.toBe(old);
    expect((await signIn(exposed, 'specialist@example.com', 'an older password here', '')).status).toBe(200);
    expect(stored(exposed, 'specialist@example.com')).toBe(upgraded);
  });
});
