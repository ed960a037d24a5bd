/**
 * How one may sign in here, and "Sign in with …" through the organisation's
 * OpenID Connect provider: leave for it, come back, sign out of both.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, getSignedCookie, setCookie, setSignedCookie } from 'hono/cookie';
import { signOut, userForSession } from '../services/auth.service.ts';
import { allow, sessionCookie } from '../http/access.ts';
import { router, type DeskEnv } from '../http/desk-env.ts';
import { jsonResponse, problems } from '../http/openapi-helpers.ts';
import { createLogger } from '../observability/logger.ts';
import {
  cookieKeyOf,
  endSessionUrl,
  finishOidcSignIn,
  OidcSignInError,
  oidcConfigOf,
  oidcStatus,
  pendingLifetimeSeconds,
  startOidcSignIn,
  type PendingSignIn,
} from './oidc.service.ts';

/** The cookie holding a sign-in in progress (state, nonce, PKCE verifier), signed, sent only to the callback. */
export const pendingCookie = 'deskwright_oidc';
const pendingPath = '/api/auth/oidc';

const methods = z.object({
  passwords: z.enum(['everyone', 'break-glass']).describe('`break-glass`: only the break-glass admin may sign in with a password'),
  oidc: z
    .object({ name: z.string().describe('Shown as "Sign in with {name}"'), startUrl: z.string().describe('Send the browser here (a GET) to sign in') })
    .nullable()
    .describe('Null when the desk has no identity provider'),
});

const ruleStatus = z.object({
  claim: z.string(),
  value: z.string(),
  roles: z.array(z.string()),
  groups: z.array(z.string()),
  unknownGroups: z.array(z.string()).describe('Groups the rule names that the desk does not have: skipped at sign-in'),
});

const status = z.object({
  enabled: z.boolean(),
  passwords: z.enum(['everyone', 'break-glass']),
  breakGlassEmail: z.string().nullable(),
  name: z.string().optional(),
  issuer: z.string().optional(),
  clientId: z.string().optional(),
  redirectUrl: z.string().optional().describe('Register this address at the provider'),
  reachable: z.boolean().optional(),
  problem: z.string().nullable().optional(),
  createAccounts: z.boolean().optional(),
  syncRoles: z.boolean().optional(),
  groupsClaim: z.string().optional(),
  rules: z.array(ruleStatus).optional(),
});

const cookieOptions = (c: Context<DeskEnv>) => ({ httpOnly: true, sameSite: 'Lax' as const, secure: c.get('desk').config.secureCookies, path: pendingPath });

async function readPending(c: Context<DeskEnv>): Promise<PendingSignIn | undefined> {
  const config = oidcConfigOf(c.get('desk'));
  const value = await getSignedCookie(c, cookieKeyOf(config), pendingCookie);
  if (!value) return undefined;
  try {
    const pending = JSON.parse(value) as PendingSignIn & { until?: number };
    return typeof pending.until === 'number' && pending.until > Date.now() ? pending : undefined;
  } catch {
    return undefined;
  }
}

export const signInRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/auth/methods',
      tags: ['Accounts'],
      summary: 'How one may sign in to this desk: passwords, an identity provider, or both',
      middleware: [allow('anyone')] as const,
      responses: { 200: jsonResponse(methods, 'The ways in') },
    }),
    (c) => {
      const { oidc, passwords } = c.get('desk').config.signIn;
      return c.json({ passwords, oidc: oidc ? { name: oidc.name, startUrl: `${pendingPath}/start` } : null }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/auth/oidc/start',
      tags: ['Accounts'],
      summary: 'Sign in with the identity provider: redirects there (authorization code flow with PKCE)',
      middleware: [allow('anyone')] as const,
      request: { query: z.object({ returnTo: z.string().max(2000).optional().describe('A path on this desk to land on afterwards') }) },
      responses: { 302: { description: 'To the identity provider' }, ...problems(404) },
    }),
    async (c) => {
      const desk = c.get('desk');
      try {
        const { url, pending } = await startOidcSignIn(desk, c.req.valid('query').returnTo);
        const value = JSON.stringify({ ...pending, until: Date.now() + pendingLifetimeSeconds * 1000 });
        await setSignedCookie(c, pendingCookie, value, cookieKeyOf(oidcConfigOf(desk)), { ...cookieOptions(c), maxAge: pendingLifetimeSeconds });
        return c.redirect(url, 302);
      } catch (error) {
        if (!(error instanceof OidcSignInError)) throw error;
        createLogger({ level: desk.config.logLevel }).warn('oidc sign-in could not start', { failure: error.failure, message: error.message });
        return c.redirect(`/?sign-in-error=${error.failure}`, 303);
      }
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/auth/oidc/callback',
      tags: ['Accounts'],
      summary: 'Where the identity provider sends people back; sets the session cookie',
      description:
        'Checks the state against the signed cookie set by /start (single use), exchanges the code with the PKCE verifier and validates the ID token. ' +
        'Redirects to the page the sign-in started from, or to `/?sign-in-error=<reason>` (state, provider-refused, token-refused, email-unverified, no-account, account-deactivated, unavailable).',
      middleware: [allow('anyone')] as const,
      responses: { 303: { description: 'Signed in, or back to the sign-in page with the reason' }, ...problems(404) },
    }),
    async (c) => {
      const desk = c.get('desk');
      const pending = await readPending(c);
      // Single use: whatever happens next, this state cannot be answered twice from this browser.
      deleteCookie(c, pendingCookie, { path: pendingPath });
      try {
        const signedIn = await finishOidcSignIn(desk, new URL(c.req.url).search, pending);
        setCookie(c, sessionCookie, signedIn.sessionSecret, { ...cookieOptions(c), path: '/', expires: signedIn.expiresAt });
        return c.redirect(signedIn.returnTo, 303);
      } catch (error) {
        if (!(error instanceof OidcSignInError)) throw error;
        createLogger({ level: desk.config.logLevel }).warn('oidc sign-in refused', { failure: error.failure, message: error.message });
        return c.redirect(`/?sign-in-error=${error.failure}`, 303);
      }
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/auth/oidc/logout',
      tags: ['Accounts'],
      summary: 'Sign out of the desk, and learn where the provider signs the person out too',
      middleware: [allow('anyone')] as const,
      responses: {
        200: jsonResponse(
          z.object({ endSessionUrl: z.string().nullable().describe("The provider's end-session address to send the browser to, or null") }),
          'Signed out of the desk',
        ),
      },
    }),
    async (c) => {
      const desk = c.get('desk');
      const secret = getCookie(c, sessionCookie);
      const user = secret ? await userForSession(desk, secret) : undefined;
      if (secret) await signOut(desk, secret);
      deleteCookie(c, sessionCookie, { path: '/' });
      return c.json({ endSessionUrl: await endSessionUrl(desk, user?.id) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/admin/sign-in',
      tags: ['Admin: sign-in'],
      summary: 'How sign-in is set up: the identity provider, whether it answers, and the role rules',
      middleware: [allow('admin')] as const,
      responses: { 200: jsonResponse(status, 'The sign-in set-up'), ...problems(401, 403) },
    }),
    async (c) => c.json(await oidcStatus(c.get('desk')), 200),
  );
