/** Signing in and out, sessions, API tokens and user accounts. */
import { inTransaction } from '../db/transaction.ts';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DeskError } from '../errors.ts';
import { findSessionUser, findTokenUser, deleteSession, insertApiToken, insertSession } from '../db/sessions.repository.ts';
import { findUserById, findUserForLogin, insertUser, setUserGroups } from '../db/users.repository.ts';
import { listGroups } from '../db/desk.repository.ts';
import type { Role, User } from '../engine/people/people.schema.ts';
import type { DeskContext } from './desk-context.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

export const sessionLifetimeMs = 14 * 24 * 60 * 60 * 1000;
// Compared against when the e-mail is unknown, so both cases take as long.
const unknownUserHash = hashPassword('not a real password');

const sha256 = (secret: string) => createHash('sha256').update(secret).digest('base64url');

/** Checks the password and opens a session; the secret is returned once and stored only as a hash. */
export async function signIn(desk: DeskContext, email: string, password: string): Promise<{ user: User; sessionSecret: string; expiresAt: Date }> {
  const found = await findUserForLogin(desk.db, email);
  const ok = found?.passwordHash ? await verifyPassword(password, found.passwordHash) : (await verifyPassword(password, await unknownUserHash), false);
  if (!found || !ok) throw new DeskError(401, 'bad-credentials', 'The e-mail address or password is not right');
  const secret = randomBytes(32).toString('base64url');
  const now = desk.now();
  const expiresAt = new Date(now.getTime() + sessionLifetimeMs);
  await insertSession(desk.db, { idHash: sha256(secret), userId: found.user.id, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() });
  return { user: found.user, sessionSecret: secret, expiresAt };
}

export async function signOut(desk: DeskContext, sessionSecret: string): Promise<void> {
  await deleteSession(desk.db, sha256(sessionSecret));
}

export async function userForSession(desk: DeskContext, sessionSecret: string): Promise<User | undefined> {
  const userId = await findSessionUser(desk.db, sha256(sessionSecret), desk.now().toISOString());
  return userId ? findUserById(desk.db, userId) : undefined;
}

export async function userForToken(desk: DeskContext, token: string): Promise<User | undefined> {
  const userId = await findTokenUser(desk.db, sha256(token));
  return userId ? findUserById(desk.db, userId) : undefined;
}

/** Issues an API token for a user; the token is shown once. */
export async function createApiToken(desk: DeskContext, userId: string, name: string): Promise<{ id: string; token: string }> {
  if (!(await findUserById(desk.db, userId))) throw new DeskError(422, 'validation', 'No such user', [{ path: 'userId', message: 'no user has this id' }]);
  const token = `dw_${randomBytes(32).toString('base64url')}`;
  const id = randomUUID();
  await insertApiToken(desk.db, { id, tokenHash: sha256(token), userId, name, createdAt: desk.now().toISOString() });
  return { id, token };
}

export interface NewUser {
  email: string;
  name: string;
  password?: string | undefined;
  roles: Role[];
  groups: string[];
  locale?: string | undefined;
  timeZone?: string | undefined;
}

/** Creates an account in one transaction; refuses a taken e-mail or an unknown group. */
export async function createUser(desk: DeskContext, input: NewUser): Promise<User> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return inTransaction(desk.db, async (trx) => {
    const known = new Set((await listGroups(trx)).map((g) => g.id));
    const unknown = input.groups.map((g, i) => [g, i] as const).filter(([g]) => !known.has(g));
    if (unknown.length) {
      throw new DeskError(422, 'validation', 'Some groups do not exist', unknown.map(([g, i]) => ({ path: `groups[${i}]`, message: `the group "${g}" does not exist` })));
    }
    if (await findUserForLogin(trx, input.email)) {
      throw new DeskError(409, 'conflict', 'Someone already has this e-mail address', [{ path: 'email', message: 'is already in use' }]);
    }
    const id = randomUUID();
    await insertUser(trx, {
      id,
      email: input.email,
      name: input.name,
      roles: input.roles,
      locale: input.locale ?? 'en',
      timeZone: input.timeZone ?? 'UTC',
      passwordHash,
      createdAt: desk.now().toISOString(),
    });
    await setUserGroups(trx, id, input.groups);
    return (await findUserById(trx, id))!;
  });
}
