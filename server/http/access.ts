/**
 * Who is asking, and whether they may. Every route declares its policy with
 * `allow(...)`; there is no route without one (deny by default).
 */
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { DeskError, unauthenticated } from '../errors.ts';
import type { Role } from '../engine/people/people.schema.ts';
import { userForSession, userForToken } from '../services/auth.service.ts';
import type { DeskEnv } from './desk-env.ts';

export const sessionCookie = 'deskwright_session';

/** Resolves the signed-in user from the session cookie or an `Authorization: Bearer` token. */
export const identify: MiddlewareHandler<DeskEnv> = async (c, next) => {
  const desk = c.get('desk');
  const authorization = c.req.header('authorization');
  let user = null;
  if (authorization?.startsWith('Bearer ')) {
    user = (await userForToken(desk, authorization.slice(7).trim())) ?? null;
    if (!user) throw new DeskError(401, 'bad-token', 'The API token is not valid');
  } else {
    const secret = getCookie(c, sessionCookie);
    if (secret) user = (await userForSession(desk, secret)) ?? null;
  }
  c.set('user', user);
  await next();
};

export type Audience = 'anyone' | 'signed-in' | Role;

/** The policy of a route: who may call it. Roles are any-of. */
export function allow(...audience: [Audience, ...Audience[]]) {
  const middleware = createMiddleware<DeskEnv>(async (c, next) => {
    if (audience.includes('anyone')) return next();
    const user = c.get('user');
    if (!user) throw unauthenticated();
    if (audience.includes('signed-in') || user.roles.some((r) => audience.includes(r))) return next();
    throw new DeskError(403, 'forbidden', 'Your role does not allow this');
  });
  return Object.assign(middleware, { audience });
}

/** The signed-in user; only for handlers behind `allow(...)` with a role or 'signed-in'. */
export function currentUser(c: { get(key: 'user'): DeskEnv['Variables']['user'] }) {
  const user = c.get('user');
  if (!user) throw unauthenticated();
  return user;
}
