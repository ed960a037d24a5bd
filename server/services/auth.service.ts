/** Signing in and out, sessions, API tokens and user accounts. */
import { inTransaction } from '../db/transaction.ts';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DeskError } from '../errors.ts';
import {
  deleteApiToken,
  deleteSession,
  deleteSessionsOf,
  findSessionUser,
  findTokenUser,
  insertApiToken,
  insertSession,
  listApiTokens,
  touchApiToken,
  type ApiTokenSummary,
} from '../db/sessions.repository.ts';
import { findUserById, findUserForLogin, insertUser, setPasswordHash, setUserGroups, upgradePasswordHash } from '../db/users.repository.ts';
import { listGroups } from '../db/desk.repository.ts';
import type { Role, User } from '../engine/people/people.schema.ts';
import type { DeskDb } from '../db/database.ts';
import type { DeskContext } from './desk-context.ts';
import { hashPassword, needsRehash, verifyPassword } from './passwords.ts';

export const sessionLifetimeMs = 14 * 24 * 60 * 60 * 1000;
// Compared against when the e-mail is unknown, so both cases take as long.
const unknownUserHash = hashPassword('not a real password');

const sha256 = (secret: string) => createHash('sha256').update(secret).digest('base64url');

/** Wrong passwords allowed for one e-mail address from one client address within the window. */
export const signInLimit = { failures: 5, windowMs: 15 * 60 * 1000 };
/** Keys remembered at most, so a flood of made-up addresses cannot fill the memory. */
const maxThrottleKeys = 10_000;

/** Refused before the password is even checked: too many wrong ones lately. */
export class TooManySignIns extends DeskError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(429, 'too-many-attempts', `Too many wrong passwords for this account; try again in ${Math.ceil(retryAfterSeconds / 60)} min`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * Recent wrong passwords per e-mail and client address, in a sliding
 * window. In memory: a desk is one process, and a restart forgetting them
 * costs an attacker one more window, no more.
 */
class FailedSignIns {
  readonly #failures = new Map<string, number[]>();

  /** Milliseconds until the key may try again; 0 when it may now. */
  waitMs(key: string, now: number): number {
    const recent = this.#recent(key, now);
    return recent.length < signInLimit.failures ? 0 : recent[0]! + signInLimit.windowMs - now;
  }

  record(key: string, now: number): void {
    const recent = this.#recent(key, now);
    this.#failures.delete(key);
    this.#failures.set(key, [...recent, now]);
    if (this.#failures.size > maxThrottleKeys) this.#failures.delete(this.#failures.keys().next().value!);
  }

  forget(key: string): void {
    this.#failures.delete(key);
  }

  #recent(key: string, now: number): number[] {
    const recent = (this.#failures.get(key) ?? []).filter((at) => at > now - signInLimit.windowMs);
    if (!recent.length) this.#failures.delete(key);
    return recent;
  }
}

// One throttle per desk (per database), so desks in one process (tests) never share one.
const throttles = new WeakMap<DeskDb, FailedSignIns>();
const throttleOf = (desk: DeskContext) => {
  let throttle = throttles.get(desk.db);
  if (!throttle) throttles.set(desk.db, (throttle = new FailedSignIns()));
  return throttle;
};

/**
 * Checks the password and opens a session; the secret is returned once and
 * stored only as a hash. After `signInLimit.failures` wrong passwords for an
 * e-mail from one client address, refuses with `TooManySignIns` (429) until
 * the oldest leaves the window, whatever the password. When passwords are
 * switched off (`DESK_PASSWORD_SIGN_IN=break-glass`), refuses everyone but
 * the break-glass admin with 403 `password-sign-in-off`.
 */
export async function signIn(
  desk: DeskContext,
  email: string,
  password: string,
  client = 'unknown',
): Promise<{ user: User; sessionSecret: string; expiresAt: Date }> {
  const { passwords, breakGlassEmail, oidc } = desk.config.signIn;
  // Said before any password is checked, and the same for every address, so it tells nobody which accounts exist.
  if (passwords === 'break-glass' && email.trim().toLowerCase() !== breakGlassEmail) {
    throw new DeskError(403, 'password-sign-in-off', `Passwords are switched off on this desk: sign in with ${oidc?.name ?? 'your organisation'}`);
  }
  const throttle = throttleOf(desk);
  const key = `${email.trim().toLowerCase()}\u0000${client}`;
  const wait = throttle.waitMs(key, desk.now().getTime());
  if (wait > 0) throw new TooManySignIns(Math.ceil(wait / 1000));
  const found = await findUserForLogin(desk.db, email);
  const ok = found?.passwordHash ? await verifyPassword(password, found.passwordHash) : (await verifyPassword(password, await unknownUserHash), false);
  if (!found || !ok) {
    throttle.record(key, desk.now().getTime());
    throw new DeskError(401, 'bad-credentials', 'The e-mail address or password is not right');
  }
  throttle.forget(key);
  // The only moment the desk knows the password: a hash made at an older, lower cost is replaced by one at today's.
  if (needsRehash(found.passwordHash!)) await upgradePasswordHash(desk.db, found.user.id, found.passwordHash!, await hashPassword(password));
  // Said only to someone who knows the password, so it tells an attacker nothing.
  if (found.user.deactivatedAt) throw new DeskError(403, 'account-deactivated', 'This account is deactivated; ask an admin of the desk to reactivate it');
  return { user: found.user, ...(await openSession(desk, found.user.id)) };
}

/** A new session for an account whose person has proved who they are; its secret is returned once and stored only as a hash. */
export async function openSession(desk: DeskContext, userId: string): Promise<{ sessionSecret: string; expiresAt: Date }> {
  const secret = randomBytes(32).toString('base64url');
  const now = desk.now();
  const expiresAt = new Date(now.getTime() + sessionLifetimeMs);
  await insertSession(desk.db, { idHash: sha256(secret), userId, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() });
  return { sessionSecret: secret, expiresAt };
}

export async function signOut(desk: DeskContext, sessionSecret: string): Promise<void> {
  await deleteSession(desk.db, sha256(sessionSecret));
}

/**
 * An admin sets a new password for an account (same rules as creating one)
 * and ends its sessions, all but `keepSessionSecret` (the admin's own, when
 * they set their own password), so whoever knew the old one is signed out.
 */
export async function setAccountPassword(desk: DeskContext, userId: string, password: string, keepSessionSecret?: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await inTransaction(desk.db, async (trx) => {
    if (!(await findUserById(trx, userId))) throw new DeskError(404, 'not-found', 'No account has this id');
    await setPasswordHash(trx, userId, passwordHash);
    await deleteSessionsOf(trx, userId, keepSessionSecret ? sha256(keepSessionSecret) : undefined);
  });
}

export async function userForSession(desk: DeskContext, sessionSecret: string): Promise<User | undefined> {
  const userId = await findSessionUser(desk.db, sha256(sessionSecret), desk.now().toISOString());
  return userId ? findUserById(desk.db, userId) : undefined;
}

/** How stale a token's `lastUsedAt` may get: a token in constant use writes at most once a minute. */
export const tokenUseResolutionMs = 60_000;

export async function userForToken(desk: DeskContext, token: string): Promise<User | undefined> {
  const now = desk.now();
  const found = await findTokenUser(desk.db, sha256(token), now.toISOString());
  if (!found) return undefined;
  const since = new Date(now.getTime() - tokenUseResolutionMs).toISOString();
  if (!found.lastUsedAt || found.lastUsedAt < since) await touchApiToken(desk.db, found.tokenId, now.toISOString(), since);
  return findUserById(desk.db, found.userId);
}

/** Issues an API token for a user, optionally until `expiresAt` (in the future); the token is shown once. */
export async function createApiToken(desk: DeskContext, userId: string, name: string, expiresAt?: Date): Promise<{ id: string; token: string; expiresAt: string | null }> {
  if (!(await findUserById(desk.db, userId))) throw new DeskError(422, 'validation', 'No such user', [{ path: 'userId', message: 'no user has this id' }]);
  const now = desk.now();
  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    throw new DeskError(422, 'validation', 'The token would never work', [{ path: 'expiresAt', message: 'must be in the future' }]);
  }
  const token = `dw_${randomBytes(32).toString('base64url')}`;
  const id = randomUUID();
  const expires = expiresAt?.toISOString() ?? null;
  await insertApiToken(desk.db, { id, tokenHash: sha256(token), userId, name, createdAt: now.toISOString(), expiresAt: expires });
  return { id, token, expiresAt: expires };
}

/** Every API token, without its secret. */
export async function apiTokens(desk: DeskContext): Promise<ApiTokenSummary[]> {
  return listApiTokens(desk.db);
}

/** Revokes a token: from the next request on it is 401. */
export async function revokeApiToken(desk: DeskContext, id: string): Promise<void> {
  if (!(await deleteApiToken(desk.db, id))) throw new DeskError(404, 'not-found', 'No API token has this id');
}

export interface NewUser {
  email: string;
  name: string;
  password?: string | undefined;
  /** Instead of `password`: its hash, made already (the demo accounts share one). */
  passwordHash?: string | undefined;
  roles: Role[];
  groups: string[];
  locale?: string | undefined;
  timeZone?: string | undefined;
}

/** Refuses groups that do not exist, each at its place in the list. */
export async function assertGroupsExist(db: DeskDb, groups: readonly string[]): Promise<void> {
  const known = new Set((await listGroups(db)).map((g) => g.id));
  const unknown = groups.map((g, i) => [g, i] as const).filter(([g]) => !known.has(g));
  if (unknown.length) {
    throw new DeskError(422, 'validation', 'Some groups do not exist', unknown.map(([g, i]) => ({ path: `groups[${i}]`, message: `the group "${g}" does not exist` })));
  }
}

/** Creates an account in one transaction; refuses a taken e-mail or an unknown group. */
export async function createUser(desk: DeskContext, input: NewUser): Promise<User> {
  const passwordHash = input.passwordHash ?? (input.password ? await hashPassword(input.password) : null);
  return inTransaction(desk.db, async (trx) => {
    await assertGroupsExist(trx, input.groups);
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
