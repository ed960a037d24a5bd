/**
 * A real OpenID Connect provider for tests: `oidc-provider` (the certified
 * Node implementation) on a loopback port, with a plain login form (type a
 * person's login, no password), consent given at once, and made-up people
 * with a `groups` claim. `swapIdToken` lets a test hand the desk an ID token
 * minted for another client, as a token-substitution attack would.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestPerson {
  email: string;
  emailVerified: boolean;
  name: string;
  groups: string[];
}

export interface TestProvider {
  issuer: string;
  /** The desk's client. */
  clientId: string;
  clientSecret: string;
  /** Another application at the same provider: its ID tokens have the wrong audience for the desk. */
  other: { clientId: string; clientSecret: string; redirectUri: string };
  people: Record<string, TestPerson>;
  /** When set, the next token answers carry this ID token instead of their own. */
  swapIdToken: string | undefined;
  close(): Promise<void>;
}

const form = (uid: string) => `<!doctype html><html lang="en"><head><title>Test identity provider</title></head><body>
<form method="post" action="/interaction/${uid}/login"><label>Login <input name="login" autocomplete="off"></label>
<button type="submit">Continue</button></form></body></html>`;

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

/** Starts the provider; `deskUrl` is where the desk will listen, for its redirect and post-logout addresses. */
export async function startTestProvider(deskUrl: string, people: Record<string, TestPerson>): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };
  const other = { clientId: 'other-app', clientSecret: 'other-app-secret-0123456789', redirectUri: 'http://127.0.0.1:9/other-callback' };
  const result: TestProvider = { issuer, clientId: 'deskwright', clientSecret: 'deskwright-client-secret-0123456789', other, people, swapIdToken: undefined, close: async () => {} };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: result.clientId,
        client_secret: result.clientSecret,
        redirect_uris: [`${deskUrl}/api/auth/oidc/callback`],
        post_logout_redirect_uris: [`${deskUrl}/`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
      { client_id: other.clientId, client_secret: other.clientSecret, redirect_uris: [other.redirectUri], grant_types: ['authorization_code'], response_types: ['code'] },
    ],
    jwks: { keys: [jwk as never] },
    cookies: { keys: ['test-provider-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    scopes: ['openid', 'email', 'profile', 'groups'],
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, id) {
      const person = people[id];
      if (!person) return undefined;
      return {
        accountId: id,
        claims: async () => ({ sub: id, email: person.email, email_verified: person.emailVerified, name: person.name, groups: person.groups }),
      };
    },
  });
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path === '/token' && result.swapIdToken && ctx.body && typeof ctx.body === 'object') ctx.body = { ...(ctx.body as object), id_token: result.swapIdToken };
  });
  const callback = provider.callback();

  server.on('request', async (req, res) => {
    try {
      const match = /^\/interaction\/([^/?]+)(\/login)?/.exec(req.url ?? '');
      if (!match) return void callback(req, res);
      const details = await provider.interactionDetails(req, res);
      if (match[2] && req.method === 'POST') {
        const login = (await readForm(req)).get('login') ?? '';
        if (!people[login]) return void res.writeHead(400, { 'content-type': 'text/plain' }).end('no such person');
        return void (await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false }));
      }
      if (details.prompt.name === 'consent') {
        const grant = details.grantId
          ? (await provider.Grant.find(details.grantId))!
          : new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
        const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
        if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
        if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
        const grantId = await grant.save();
        return void (await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true }));
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(form(details.uid));
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
  result.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return result;
}

/** A loopback port nobody listens on now, for a desk whose public URL must be known before it starts. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A browser's cookies and redirects, by hand: cookies per origin, each redirect followed only when asked. */
export class CookieJar {
  readonly #cookies = new Map<string, Map<string, string>>();

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const origin = new URL(url).origin;
    const jar = this.#cookies.get(origin) ?? new Map<string, string>();
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const at = pair!.indexOf('=');
      const [name, value] = [pair!.slice(0, at).trim(), pair!.slice(at + 1).trim()];
      const gone = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && new Date(a.split('=')[1]!).getTime() < Date.now()));
      if (gone) jar.delete(name);
      else jar.set(name, value);
    }
    this.#cookies.set(origin, jar);
    return res;
  }

  get(url: string, name: string): string | undefined {
    return this.#cookies.get(new URL(url).origin)?.get(name);
  }

  set(url: string, name: string, value: string): void {
    const origin = new URL(url).origin;
    this.#cookies.set(origin, (this.#cookies.get(origin) ?? new Map()).set(name, value));
  }
}

/**
 * Walks from an authorization URL through the provider's login (as `login`)
 * and consent, and returns the address the provider sends the browser back
 * to (not fetched, so a test may change it first).
 */
export async function signInAtProvider(jar: CookieJar, authorizeUrl: string, login: string, backTo: string): Promise<string> {
  let url = authorizeUrl;
  for (let step = 0; step < 12; step++) {
    if (url.startsWith(backTo)) return url;
    const res = await jar.fetch(url);
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, url).href;
      continue;
    }
    const page = await res.text();
    const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
    if (res.status !== 200 || !action) throw new Error(`the provider answered ${res.status}: ${page.slice(0, 300)}`);
    const posted = await jar.fetch(new URL(action, url).href, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ login }).toString() });
    if (posted.status < 300 || posted.status >= 400) throw new Error(`the provider's login answered ${posted.status}: ${await posted.text()}`);
    url = new URL(posted.headers.get('location')!, url).href;
  }
  throw new Error('the provider never sent the browser back');
}
