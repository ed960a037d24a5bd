/** Admins create accounts, and issue, list and revoke API tokens. */
import { createRoute, z } from '@hono/zod-openapi';
import { findUserIdByEmail, listUsers } from '../db/users.repository.ts';
import { invalid } from '../errors.ts';
import { accountChange, locales, newPassword, role, user } from '../engine/people/people.schema.ts';
import { changeAccount } from '../services/accounts.service.ts';
import { apiTokens, createApiToken, createUser, revokeApiToken, setAccountPassword } from '../services/auth.service.ts';
import { getCookie } from 'hono/cookie';
import { allow, currentUser, sessionCookie } from './access.ts';
import { router } from './desk-env.ts';
import { jsonBody, jsonResponse, problems } from './openapi-helpers.ts';

const newUser = z.object({
  email: z.email(),
  name: z.string().min(1).max(200),
  password: newPassword.optional().describe('Leave out for an account that signs in only with API tokens'),
  roles: z.array(role).min(1),
  groups: z.array(z.string()).default([]),
  locale: z.enum(locales).default('en'),
  timeZone: z.string().default('UTC'),
});

const apiToken = z.object({
  id: z.string(),
  name: z.string(),
  owner: z.object({ id: z.string(), name: z.string(), email: z.string() }).describe('The account the token acts as'),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable().describe('Up to a minute behind; null when never used'),
  expiresAt: z.string().nullable().describe('null: never expires'),
});

export const adminUserRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/api/admin/users', tags: ['Admin: people'], summary: 'Every account',
      middleware: [allow('admin')] as const,
      responses: { 200: jsonResponse(z.object({ items: z.array(user) }), 'Accounts'), ...problems(401, 403) },
    }),
    async (c) => c.json({ items: await listUsers(c.get('desk').db) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/admin/users', tags: ['Admin: people'], summary: 'Create an account',
      middleware: [allow('admin')] as const,
      request: { body: jsonBody(newUser) },
      responses: { 201: jsonResponse(z.object({ user }), 'Created'), ...problems(401, 403, 409, 422) },
    }),
    async (c) => c.json({ user: await createUser(c.get('desk'), c.req.valid('json')) }, 201),
  )
  .openapi(
    createRoute({
      method: 'patch', path: '/api/admin/users/{id}', tags: ['Admin: people'],
      summary: 'Change an account: name, roles, groups, language, time zone; deactivate or reactivate it',
      description: 'Refused (422 at `active`) for your own account, and (409) when it would leave the desk without an active admin.',
      middleware: [allow('admin')] as const,
      request: { params: z.object({ id: z.string().min(1).max(100) }), body: jsonBody(accountChange) },
      responses: { 200: jsonResponse(z.object({ user }), 'The account now'), ...problems(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json({ user: await changeAccount(c.get('desk'), currentUser(c).id, c.req.valid('param').id, c.req.valid('json')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/admin/users/{id}/password', tags: ['Admin: people'],
      summary: "Set a new password for an account; ends that account's other sessions",
      middleware: [allow('admin')] as const,
      request: { params: z.object({ id: z.string().min(1).max(100) }), body: jsonBody(z.object({ password: newPassword }).strict()) },
      responses: { 204: { description: 'Set; the account signs in with the new password' }, ...problems(401, 403, 404, 422) },
    }),
    async (c) => {
      const secret = currentUser(c).id === c.req.valid('param').id ? getCookie(c, sessionCookie) : undefined;
      await setAccountPassword(c.get('desk'), c.req.valid('param').id, c.req.valid('json').password, secret);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/admin/tokens', tags: ['Admin: people'],
      summary: 'Issue an API token (shown once) for `Authorization: Bearer`',
      middleware: [allow('admin')] as const,
      request: {
        body: jsonBody(
          z.object({
            name: z.string().min(1).max(200).describe('What the token is for, e.g. "Monitoring"'),
            email: z.email().optional().describe("The account the token acts as; the caller's own when left out"),
            expiresAt: z.iso.datetime({ offset: true }).optional().describe('When the token stops working (in the future); never when left out'),
          }),
        ),
      },
      responses: {
        201: jsonResponse(z.object({ id: z.string(), token: z.string(), expiresAt: z.string().nullable() }), 'The token; it is not shown again'),
        ...problems(401, 403, 422),
      },
    }),
    async (c) => {
      const { name, email, expiresAt } = c.req.valid('json');
      const desk = c.get('desk');
      const userId = email ? await findUserIdByEmail(desk.db, email) : currentUser(c).id;
      if (!userId) throw invalid('No such account', [{ path: 'email', message: 'no account has this e-mail address' }]);
      return c.json(await createApiToken(desk, userId, name, expiresAt ? new Date(expiresAt) : undefined), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/api/admin/tokens', tags: ['Admin: people'],
      summary: 'Every API token (never its secret), newest first',
      description: '`lastUsedAt` is recorded at most once a minute per token, so it may be up to a minute behind.',
      middleware: [allow('admin')] as const,
      responses: { 200: jsonResponse(z.object({ items: z.array(apiToken) }), 'API tokens'), ...problems(401, 403) },
    }),
    async (c) => c.json({ items: await apiTokens(c.get('desk')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'delete', path: '/api/admin/tokens/{id}', tags: ['Admin: people'],
      summary: 'Revoke an API token: from the next request on it is 401',
      middleware: [allow('admin')] as const,
      request: { params: z.object({ id: z.string().min(1).max(100) }) },
      responses: { 204: { description: 'Revoked' }, ...problems(401, 403, 404) },
    }),
    async (c) => {
      await revokeApiToken(c.get('desk'), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
