/**
 * "Sign in with …" against a real OpenID Connect provider (oidc-provider on
 * a loopback port), driven redirect by redirect with fetch, as a browser
 * would: first sign-in creates the account with roles from the groups
 * claim, and a tampered state, a replayed code, an ID token for another
 * client and an unverified e-mail are all refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { startTestDesk, type TestDesk } from '../support/test-desk.ts';
import { CookieJar, freePort, signInAtProvider, startTestProvider, type TestPerson, type TestProvider } from '../support/identity-provider.ts';

const people: Record<string, TestPerson> = {
  alice: { email: 'alice@example.org', emailVerified: true, name: 'Alice Example', groups: ['desk-agents', 'staff'] },
  bob: { email: 'bob@example.org', emailVerified: false, name: 'Bob Unverified', groups: ['desk-admins'] },
  sam: { email: 'Agent@Example.com', emailVerified: true, name: 'Sam at the provider', groups: [] },
  carol: { email: 'carol@example.org', emailVerified: true, name: 'Carol Admin', groups: ['desk-admins'] },
};

const rules = JSON.stringify([
  { value: 'desk-agents', roles: ['agent'], groups: ['service-desk', 'no-such-group'] },
  { value: 'desk-admins', roles: ['admin'] },
]);

let idp: TestProvider;
let t: TestDesk;
let url: string;

beforeAll(async () => {
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  idp = await startTestProvider(url, people);
  t = await startTestDesk({
    env: {
      PORT: String(port),
      DESK_PUBLIC_URL: url,
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: idp.clientSecret,
      OIDC_NAME: 'Example Org',
      OIDC_SCOPES: 'openid email profile groups',
      OIDC_ROLE_RULES: rules,
    },
    smtp: false,
  });
});

afterAll(async () => {
  await t?.close();
  await idp?.close();
});

const callbackPrefix = () => `${url}/api/auth/oidc/callback`;

/** Starts at the desk, signs in at the provider, and returns the jar and the callback address (not yet visited). */
async function toCallback(login: string, returnTo = '/agent') {
  const jar = new CookieJar();
  const start = await jar.fetch(`${url}/api/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`);
  expect(start.status).toBe(302);
  const authorize = start.headers.get('location')!;
  const callback = await signInAtProvider(jar, authorize, login, callbackPrefix());
  return { jar, authorize: new URL(authorize), callback };
}

async function me(jar: CookieJar) {
  const res = await jar.fetch(`${url}/api/me`);
  return { status: res.status, body: (await res.json()) as { user: { id: string; email: string; name: string; roles: string[]; groups: string[] } } };
}

const userCount = () => t.desk.context.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n));

describe('sign-in with OpenID Connect', () => {
  it('offers the button on the sign-in page', async () => {
    const res = await t.anonymous().get('/api/auth/methods');
    expect(res.body).toEqual({ passwords: 'everyone', oidc: { name: 'Example Org', startUrl: '/api/auth/oidc/start' } });
  });

  it('sends the browser to the provider with PKCE, state and nonce', async () => {
    const jar = new CookieJar();
    const start = await jar.fetch(`${url}/api/auth/oidc/start`);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.origin).toBe(idp.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe(callbackPrefix());
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(start.headers.getSetCookie().join()).toMatch(/deskwright_oidc=.*HttpOnly/i);
  });

  it('creates the account on first sign-in, as a requester with the roles and known groups its groups claim maps to', async () => {
    const before = await userCount();
    const { jar, callback } = await toCallback('alice');
    const back = await jar.fetch(callback);
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('/agent');
    const { status, body } = await me(jar);
    expect(status).toBe(200);
    expect(body.user).toMatchObject({ email: 'alice@example.org', name: 'Alice Example', roles: ['requester', 'agent'], groups: ['service-desk'] });
    expect(await userCount()).toBe(before + 1);

    // The next time, the same account: linked by issuer and subject.
    const again = await toCallback('alice', '/my-tickets');
    const back2 = await again.jar.fetch(again.callback);
    expect(back2.headers.get('location')).toBe('/my-tickets');
    expect((await me(again.jar)).body.user.id).toBe(body.user.id);
    expect(await userCount()).toBe(before + 1);
  });

  it('signs an existing account in by its verified e-mail, whatever its case, keeping the roles it has', async () => {
    const { jar, callback } = await toCallback('sam');
    await jar.fetch(callback);
    const { body } = await me(jar);
    expect(body.user).toMatchObject({ email: 'agent@example.com', name: 'Sam Agent', roles: ['agent'] });
  });

  it('refuses an e-mail the provider has not verified, and creates no account', async () => {
    const before = await userCount();
    const { jar, callback } = await toCallback('bob');
    const back = await jar.fetch(callback);
    expect(back.headers.get('location')).toBe('/?sign-in-error=email-unverified');
    expect(jar.get(url, 'deskwright_session')).toBeUndefined();
    expect((await me(jar)).status).toBe(401);
    expect(await userCount()).toBe(before);
  });

  it('refuses a callback whose state was changed', async () => {
    const { jar, callback } = await toCallback('alice');
    const tampered = new URL(callback);
    tampered.searchParams.set('state', 'x' + tampered.searchParams.get('state'));
    const back = await jar.fetch(tampered.href);
    expect(back.headers.get('location')).toBe('/?sign-in-error=state');
    expect((await me(jar)).status).toBe(401);
    // The pending sign-in is used up: the right state no longer works either.
    expect((await jar.fetch(callback)).headers.get('location')).toBe('/?sign-in-error=state');
  });

  it('refuses a pending sign-in cookie that was forged', async () => {
    const { jar, callback } = await toCallback('alice');
    const [value, signature] = decodeURIComponent(jar.get(url, 'deskwright_oidc')!).split(/\.(?=[^.]*$)/);
    const changed = JSON.stringify({ ...JSON.parse(value!), returnTo: '/admin' });
    jar.set(url, 'deskwright_oidc', encodeURIComponent(`${changed}.${signature}`));
    expect((await jar.fetch(callback)).headers.get('location')).toBe('/?sign-in-error=state');
    expect((await me(jar)).status).toBe(401);
  });

  it('refuses a code used a second time, even with the pending cookie replayed', async () => {
    const { jar, callback } = await toCallback('alice');
    const pending = jar.get(url, 'deskwright_oidc')!;
    expect((await jar.fetch(callback)).headers.get('location')).toBe('/agent');
    const attacker = new CookieJar();
    attacker.set(url, 'deskwright_oidc', pending);
    const replay = await attacker.fetch(callback);
    expect(replay.headers.get('location')).toBe('/?sign-in-error=token-refused');
    expect((await me(attacker)).status).toBe(401);
  });

  it('refuses an ID token issued to another client (wrong audience), even with the right nonce and person', async () => {
    const { jar, authorize, callback } = await toCallback('alice');
    // The other application's own sign-in for the same person, with the desk's nonce.
    const verifier = randomBytes(32).toString('base64url');
    const otherAuthorize = new URL(`${idp.issuer}/auth`);
    for (const [k, v] of Object.entries({
      client_id: idp.other.clientId,
      redirect_uri: idp.other.redirectUri,
      response_type: 'code',
      scope: 'openid',
      nonce: authorize.searchParams.get('nonce')!,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    })) otherAuthorize.searchParams.set(k, v);
    const otherBack = new URL(await signInAtProvider(new CookieJar(), otherAuthorize.href, 'alice', idp.other.redirectUri));
    const token = await fetch(`${idp.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${idp.other.clientId}:${idp.other.clientSecret}`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: otherBack.searchParams.get('code')!, redirect_uri: idp.other.redirectUri, code_verifier: verifier }),
    });
    const { id_token } = (await token.json()) as { id_token: string };
    expect(JSON.parse(Buffer.from(id_token.split('.')[1]!, 'base64url').toString()).aud).toBe(idp.other.clientId);

    idp.swapIdToken = id_token;
    try {
      expect((await jar.fetch(callback)).headers.get('location')).toBe('/?sign-in-error=token-refused');
    } finally {
      idp.swapIdToken = undefined;
    }
    expect((await me(jar)).status).toBe(401);
  });

  it('sends anyone back only to a page of the desk itself', async () => {
    const { jar, callback } = await toCallback('alice', '//evil.example/steal');
    expect((await jar.fetch(callback)).headers.get('location')).toBe('/');
  });

  it("signs out of the desk and hands over the provider's end-session address", async () => {
    const { jar, callback } = await toCallback('alice');
    await jar.fetch(callback);
    const res = await jar.fetch(`${url}/api/auth/oidc/logout`, { method: 'POST', headers: { origin: url, 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
    const { endSessionUrl } = (await res.json()) as { endSessionUrl: string };
    const end = new URL(endSessionUrl);
    expect(end.origin).toBe(idp.issuer);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${url}/`);
    expect((await me(jar)).status).toBe(401);
    // The provider knows the address: its page to confirm signing out answers.
    expect((await jar.fetch(endSessionUrl)).status).toBe(200);
  });

  it('shows admins the set-up, with groups a rule names that the desk lacks', async () => {
    const admin = await t.as('admin@example.com');
    const res = await admin.get('/api/admin/sign-in');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ enabled: true, reachable: true, issuer: idp.issuer, redirectUrl: callbackPrefix(), passwords: 'everyone' });
    expect(res.body.rules[0]).toMatchObject({ claim: 'groups', value: 'desk-agents', unknownGroups: ['no-such-group'] });
    expect((await (await t.as('agent@example.com')).get('/api/admin/sign-in')).status).toBe(403);
  });
});

describe('with passwords switched off for all but the break-glass admin', () => {
  let idp2: TestProvider;
  let t2: TestDesk;
  let url2: string;

  beforeAll(async () => {
    const port = await freePort();
    url2 = `http://127.0.0.1:${port}`;
    idp2 = await startTestProvider(url2, people);
    t2 = await startTestDesk({
      env: {
        PORT: String(port),
        DESK_PUBLIC_URL: url2,
        OIDC_ISSUER: idp2.issuer,
        OIDC_CLIENT_ID: idp2.clientId,
        OIDC_CLIENT_SECRET: idp2.clientSecret,
        OIDC_CREATE_ACCOUNTS: 'off',
        DESK_PASSWORD_SIGN_IN: 'break-glass',
        DESK_BREAK_GLASS_EMAIL: 'admin@example.com',
      },
      smtp: false,
    });
  });

  afterAll(async () => {
    await t2?.close();
    await idp2?.close();
  });

  it('still lets the break-glass admin in with a password, and nobody else', async () => {
    const admin = await t2.as('admin@example.com');
    expect((await admin.get('/api/me')).body.user.email).toBe('admin@example.com');
    const refused = await t2.anonymous().post('/api/auth/login', { email: 'agent@example.com', password: 'deskwright-demo' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('password-sign-in-off');
    expect((await t2.anonymous().get('/api/auth/methods')).body.passwords).toBe('break-glass');
  });

  it('signs existing accounts in through the provider but creates none', async () => {
    const jar = new CookieJar();
    const start = await jar.fetch(`${url2}/api/auth/oidc/start`);
    const callback = await signInAtProvider(jar, start.headers.get('location')!, 'sam', `${url2}/api/auth/oidc/callback`);
    expect((await jar.fetch(callback)).headers.get('location')).toBe('/');

    const stranger = new CookieJar();
    const start2 = await stranger.fetch(`${url2}/api/auth/oidc/start`);
    const callback2 = await signInAtProvider(stranger, start2.headers.get('location')!, 'carol', `${url2}/api/auth/oidc/callback`);
    expect((await stranger.fetch(callback2)).headers.get('location')).toBe('/?sign-in-error=no-account');
  });
});
