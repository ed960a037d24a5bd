/** Signing in and out, and who am I. */
import { createRoute, z } from '@hono/zod-openapi';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { preferencesChange, user } from '../engine/people/people.schema.ts';
import { updateMyPreferences } from '../services/preferences.service.ts';
import { signIn, signOut, signInLimit, TooManySignIns } from '../services/auth.service.ts';
import { allow, currentUser, sessionCookie } from './access.ts';
import { router } from './desk-env.ts';
import { clientAddress } from './client-address.ts';
import type { DeskEnv } from './desk-env.ts';
import { jsonBody, jsonResponse, problems } from './openapi-helpers.ts';
import { problemDocument } from './problem.ts';

// Long enough for any passphrase, short enough that hashing it costs nothing extra.
const credentials = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(4096) });

/** The 429 a throttled sign-in gets; widened like `problems()`, so typed clients see only the success body. */
const throttled = Object.fromEntries([
  [
    429,
    {
      content: { 'application/problem+json': { schema: problemDocument } },
      description: `More than ${signInLimit.failures} wrong passwords for the account from this address in ${signInLimit.windowMs / 60_000} minutes; Retry-After says how many seconds to wait`,
    },
  ],
]);

/** The address the request came from: the socket's, or what a trusted reverse proxy forwarded (client-address.ts). */
function requestAddress(c: Context<DeskEnv>): string {
  let socket: string | undefined;
  try {
    socket = getConnInfo(c).remote.address;
  } catch {
    // no socket, e.g. app.request() in a test
  }
  return clientAddress(socket ?? 'unknown', c.req.header('x-forwarded-for'), c.get('desk').config.trustedProxies);
}

export const authRoutes = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/auth/login',
      tags: ['Accounts'],
      summary: 'Sign in with e-mail and password; sets the session cookie',
      middleware: [allow('anyone')] as const,
      request: { body: jsonBody(credentials) },
      responses: {
        200: jsonResponse(z.object({ user }), 'Signed in'),
        ...problems(401, 403, 422),
        ...throttled,
      },
    }),
    async (c) => {
      const { email, password } = c.req.valid('json');
      const desk = c.get('desk');
      const session = await signIn(desk, email, password, requestAddress(c)).catch((error: unknown) => {
        if (error instanceof TooManySignIns) c.header('Retry-After', String(error.retryAfterSeconds));
        throw error;
      });
      setCookie(c, sessionCookie, session.sessionSecret, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: desk.config.secureCookies,
        path: '/',
        expires: session.expiresAt,
      });
      return c.json({ user: session.user }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/auth/logout',
      tags: ['Accounts'],
      summary: 'Sign out: ends the session',
      middleware: [allow('anyone')] as const,
      responses: { 204: { description: 'Signed out' } },
    }),
    async (c) => {
      const secret = getCookie(c, sessionCookie);
      if (secret) await signOut(c.get('desk'), secret);
      deleteCookie(c, sessionCookie, { path: '/' });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/me',
      tags: ['Accounts'],
      summary: 'The signed-in person',
      middleware: [allow('signed-in')] as const,
      responses: { 200: jsonResponse(z.object({ user }), 'The signed-in person'), ...problems(401) },
    }),
    (c) => c.json({ user: currentUser(c) }, 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/api/me',
      tags: ['Accounts'],
      summary: 'Choose your own language and time zone',
      description:
        'Any of `locale` (en, cy, zh-CN, ro) and `timeZone` (IANA, like "Europe/London"). A value becomes your choice: the web UI uses it ' +
        'instead of your browser\'s, and notifications use it. `null` goes back to following the browser in the web UI. Nothing else about an account can be changed here.',
      middleware: [allow('signed-in')] as const,
      request: { body: jsonBody(preferencesChange) },
      responses: { 200: jsonResponse(z.object({ user }), 'You, as you now are'), ...problems(401, 422) },
    }),
    async (c) => c.json({ user: await updateMyPreferences(c.get('desk'), currentUser(c), c.req.valid('json')) }, 200),
  );
