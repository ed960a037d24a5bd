/** Signing in and out, and who am I. */
import { createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { user } from '../engine/people/people.schema.ts';
import { signIn, signOut } from '../services/auth.service.ts';
import { allow, currentUser, sessionCookie } from './access.ts';
import { router } from './desk-env.ts';
import { jsonBody, jsonResponse, problems } from './openapi-helpers.ts';

const credentials = z.object({ email: z.string().min(1), password: z.string().min(1) });

export const authRoutes = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/auth/login',
      tags: ['Accounts'],
      summary: 'Sign in with e-mail and password; sets the session cookie',
      middleware: [allow('anyone')] as const,
      request: { body: jsonBody(credentials) },
      responses: { 200: jsonResponse(z.object({ user }), 'Signed in'), ...problems(401, 422) },
    }),
    async (c) => {
      const { email, password } = c.req.valid('json');
      const desk = c.get('desk');
      const session = await signIn(desk, email, password);
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
  );
