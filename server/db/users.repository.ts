/** People, their roles and group memberships. */
import type { DeskDb } from './database.ts';
import { bumpSettingsRevision } from './settings-revision.repository.ts';
import type { UserRow } from './schema.ts';
import type { Role, User } from '../engine/people/people.schema.ts';

function toUser(row: UserRow, groups: string[]): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: JSON.parse(row.roles) as Role[],
    locale: row.locale,
    timeZone: row.time_zone,
    localeChosen: row.locale_chosen === 1,
    timeZoneChosen: row.time_zone_chosen === 1,
    groups,
    deactivatedAt: row.deactivated_at,
  };
}

async function groupsOf(db: DeskDb, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('group_members').select('group_id').where('user_id', '=', userId).orderBy('group_id').execute();
  return rows.map((r) => r.group_id);
}

export async function findUserById(db: DeskDb, id: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toUser(row, await groupsOf(db, row.id));
}

/** These people, with their groups, in two queries however many there are (unknown ids are left out). */
export async function findUsersByIds(db: DeskDb, ids: readonly string[]): Promise<User[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const [rows, memberships] = await Promise.all([
    db.selectFrom('users').selectAll().where('id', 'in', unique).orderBy('name').execute(),
    db.selectFrom('group_members').select(['user_id', 'group_id']).where('user_id', 'in', unique).orderBy('group_id').execute(),
  ]);
  return rows.map((row) => toUser(row, memberships.filter((m) => m.user_id === row.id).map((m) => m.group_id)));
}

/** The user and their password hash, for signing in. E-mail is matched case-insensitively. */
export async function findUserForLogin(db: DeskDb, email: string): Promise<{ user: User; passwordHash: string | null } | undefined> {
  const row = await db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  return row && { user: toUser(row, await groupsOf(db, row.id)), passwordHash: row.password_hash };
}

export async function findUserIdByEmail(db: DeskDb, email: string): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('id').where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  return row?.id;
}

export async function insertUser(
  db: DeskDb,
  user: Omit<User, 'groups' | 'localeChosen' | 'timeZoneChosen' | 'deactivatedAt'> & { passwordHash: string | null; createdAt: string },
): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: user.id,
      email: user.email.trim().toLowerCase(),
      name: user.name,
      password_hash: user.passwordHash,
      roles: JSON.stringify(user.roles),
      locale: user.locale,
      time_zone: user.timeZone,
      created_at: user.createdAt,
    })
    .execute();
}

export async function setUserGroups(db: DeskDb, userId: string, groups: readonly string[]): Promise<void> {
  await db.deleteFrom('group_members').where('user_id', '=', userId).execute();
  if (groups.length) {
    await db.insertInto('group_members').values(groups.map((g) => ({ group_id: g, user_id: userId }))).execute();
  }
  await bumpSettingsRevision(db);
}

export async function countUsers(db: DeskDb): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listUsers(db: DeskDb): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('email').execute();
  const members = await db.selectFrom('group_members').selectAll().execute();
  return rows.map((r) => toUser(r, members.filter((m) => m.user_id === r.id).map((m) => m.group_id)));
}

/** Name and e-mail of every active member of a group, for "queue" notifications and assignment (deactivated accounts are skipped). */
export async function groupMembers(db: DeskDb, groupId: string): Promise<{ id: string; name: string; email: string; locale: string; timeZone: string }[]> {
  const rows = await db
    .selectFrom('group_members')
    .innerJoin('users', 'users.id', 'group_members.user_id')
    .select(['users.id', 'users.name', 'users.email', 'users.locale', 'users.time_zone'])
    .where('group_members.group_id', '=', groupId)
    .where('users.deactivated_at', 'is', null)
    .orderBy('users.email')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, locale: r.locale, timeZone: r.time_zone }));
}

/** Replaces a password hash with a stronger one of the same password, unless it changed meanwhile; whether it did. */
export async function upgradePasswordHash(db: DeskDb, userId: string, from: string, to: string): Promise<boolean> {
  const result = await db.updateTable('users').set({ password_hash: to }).where('id', '=', userId).where('password_hash', '=', from).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Sets or (null) removes an account's password; without one it signs in only with API tokens. */
export async function setPasswordHash(db: DeskDb, userId: string, passwordHash: string | null): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

/**
 * A person's own language and time zone: a value is stored and marked as
 * their choice; null marks it as not chosen (the stored value stays, for
 * notifications); undefined leaves it. Queue members' locales are part of
 * the desk snapshot, so this bumps the settings revision.
 */
export async function setUserPreferences(db: DeskDb, userId: string, change: { locale?: string | null; timeZone?: string | null }): Promise<void> {
  const set: { locale?: string; locale_chosen?: number; time_zone?: string; time_zone_chosen?: number } = {};
  if (change.locale !== undefined) Object.assign(set, change.locale === null ? { locale_chosen: 0 } : { locale: change.locale, locale_chosen: 1 });
  if (change.timeZone !== undefined) Object.assign(set, change.timeZone === null ? { time_zone_chosen: 0 } : { time_zone: change.timeZone, time_zone_chosen: 1 });
  if (!Object.keys(set).length) return;
  await db.updateTable('users').set(set).where('id', '=', userId).execute();
  await bumpSettingsRevision(db);
}

/** The names of these people, for lists that show who works a ticket (unknown ids are left out). */
export async function userNames(db: DeskDb, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  if (!ids.length) return [];
  return db.selectFrom('users').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).orderBy('name').execute();
}

/** Makes exactly these people the members of a group (others leave it); one settings revision. */
export async function setGroupMembers(db: DeskDb, groupId: string, userIds: readonly string[]): Promise<void> {
  await db.deleteFrom('group_members').where('group_id', '=', groupId).execute();
  if (userIds.length) {
    await db.insertInto('group_members').values([...new Set(userIds)].map((id) => ({ group_id: groupId, user_id: id }))).execute();
  }
  await bumpSettingsRevision(db);
}

/** An admin's change to an account; undefined leaves a field as it is. Does not touch the person's own "chosen" flags. */
export async function updateUser(
  db: DeskDb,
  userId: string,
  change: { name?: string | undefined; roles?: readonly Role[] | undefined; locale?: string | undefined; timeZone?: string | undefined; deactivatedAt?: string | null | undefined },
): Promise<void> {
  const set: { name?: string; roles?: string; locale?: string; time_zone?: string; deactivated_at?: string | null } = {};
  if (change.name !== undefined) set.name = change.name;
  if (change.roles !== undefined) set.roles = JSON.stringify(change.roles);
  if (change.locale !== undefined) set.locale = change.locale;
  if (change.timeZone !== undefined) set.time_zone = change.timeZone;
  if (change.deactivatedAt !== undefined) set.deactivated_at = change.deactivatedAt;
  if (!Object.keys(set).length) return;
  await db.updateTable('users').set(set).where('id', '=', userId).execute();
  // Roles, languages and who is active are part of the desk snapshot (queue members).
  await bumpSettingsRevision(db);
}

/** Active accounts holding the admin role, for "the desk keeps at least one admin". */
export async function activeAdminIds(db: DeskDb): Promise<string[]> {
  const rows = await db.selectFrom('users').select(['id', 'roles']).where('deactivated_at', 'is', null).execute();
  return rows.filter((r) => (JSON.parse(r.roles) as Role[]).includes('admin')).map((r) => r.id);
}
