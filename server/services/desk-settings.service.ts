/** Groups, queues and SLA policies: read by every submission, changed by admins. */
import { inTransaction } from '../db/transaction.ts';
import { DeskError } from '../errors.ts';
import type { DeskDb } from '../db/database.ts';
import {
  listCalendars,
  listGroups,
  listQueues,
  listSlaPolicies,
  upsertCalendar,
  upsertGroup,
  upsertQueue,
  upsertSlaPolicy,
} from '../db/desk.repository.ts';
import type { Calendar } from '../engine/calendar/calendar.schema.ts';
import type { Rota } from '../engine/assignment/rota.schema.ts';
import { groupMembers, listUsers, setGroupMembers } from '../db/users.repository.ts';
import { supportRoles } from '../engine/people/people.schema.ts';
import type { DeskSettings, Group, Queue, SlaPolicy } from '../engine/desk/desk.schema.ts';
import type { DeskDirectory } from '../engine/intake.ts';
import type { DeskContext } from './desk-context.ts';

/** Everything the engine needs to route a ticket: queues with their members, and SLA policies. */
export async function loadDirectory(db: DeskDb, desk: { name: string; url: string }): Promise<DeskDirectory> {
  const [queues, policies, calendars, groups] = await Promise.all([listQueues(db), listSlaPolicies(db), listCalendars(db), listGroups(db)]);
  const withMembers = await Promise.all(queues.map(async (q) => [q.id, { ...q, members: await groupMembers(db, q.group) }] as const));
  return {
    ...desk,
    queues: new Map(withMembers),
    slaPolicies: new Map(policies.map((p) => [p.id, p])),
    calendars: new Map(calendars.map((c) => [c.id, c])),
    groups: new Map(groups.map((g) => [g.id, g])),
  };
}

/**
 * Saves one setting in its own transaction: `create` is 409 when the id is
 * taken, `replace` is 404 when it is not; `check` refuses dangling references.
 */
function settingSaver<T extends { id: string }>(
  what: string,
  list: (db: DeskDb) => Promise<T[]>,
  upsert: (db: DeskDb, value: T) => Promise<void>,
  check?: (db: DeskDb, value: T) => Promise<void>,
) {
  return (desk: DeskContext, value: T, mode: 'create' | 'replace'): Promise<T> =>
    inTransaction(desk.db, async (trx) => {
      assertMode((await list(trx)).some((x) => x.id === value.id), mode, `${what} "${value.id}"`);
      await check?.(trx, value);
      await upsert(trx, value);
      return value;
    });
}

async function assertGroupExists(db: DeskDb, queue: Queue): Promise<void> {
  if ((await listGroups(db)).some((g) => g.id === queue.group)) return;
  throw new DeskError(422, 'validation', 'The queue names a group that does not exist', [{ path: 'group', message: `the group "${queue.group}" does not exist` }]);
}

export const saveGroup = settingSaver<Group>('group', listGroups, upsertGroup);
export const saveQueue = settingSaver<Queue>('queue', listQueues, upsertQueue, assertGroupExists);
export const saveSlaPolicy = settingSaver<SlaPolicy>('SLA policy', listSlaPolicies, upsertSlaPolicy, (db, p) => assertCalendarExists(db, p.calendar));
export const saveCalendar = settingSaver<Calendar>('calendar', listCalendars, upsertCalendar);

async function assertCalendarExists(db: DeskDb, id: string): Promise<void> {
  if (id === '24x7' || (await listCalendars(db)).some((c) => c.id === id)) return;
  throw new DeskError(422, 'validation', 'The SLA policy names a calendar that does not exist', [
    { path: 'calendar', message: `the calendar "${id}" does not exist; use "24x7" or a calendar's id` },
  ]);
}

function assertMode(exists: boolean, mode: 'create' | 'replace', what: string): void {
  if (exists && mode === 'create') throw new DeskError(409, 'conflict', `The ${what} already exists`, [{ path: 'id', message: 'is already in use' }]);
  if (!exists && mode === 'replace') throw new DeskError(404, 'not-found', `The ${what} was not found`);
}

/** Imports desk settings (what is referred to before what refers to it) inside the caller's transaction. */
export async function importSettings(db: DeskDb, settings: DeskSettings): Promise<void> {
  for (const c of settings.calendars) await upsertCalendar(db, c);
  for (const g of settings.groups) await upsertGroup(db, g);
  for (const q of settings.queues) await upsertQueue(db, q);
  for (const p of settings.slaPolicies) {
    await assertCalendarExists(db, p.calendar);
    await upsertSlaPolicy(db, p);
  }
}

/** A group's duty rota, as managers see it. */
export async function groupRota(desk: DeskContext, groupId: string): Promise<Rota | null> {
  const group = (await listGroups(desk.db)).find((g) => g.id === groupId);
  if (!group) throw new DeskError(404, 'not-found', `The group "${groupId}" was not found`);
  return group.rota ?? null;
}

/** Replaces a group's duty rota (null removes it: every member counts as on shift again). Managers do this, not only admins. */
export function saveRota(desk: DeskContext, groupId: string, rota: Rota | null): Promise<Rota | null> {
  return inTransaction(desk.db, async (trx) => {
    const group = (await listGroups(trx)).find((g) => g.id === groupId);
    if (!group) throw new DeskError(404, 'not-found', `The group "${groupId}" was not found`);
    const { rota: _old, ...rest } = group;
    await upsertGroup(trx, rota ? { ...rest, rota } : rest);
    return rota;
  });
}

/**
 * Makes exactly these people (by e-mail, any case) a group's members. Each
 * must be an account with a support role: a requester in a queue's group
 * would be handed tickets. Returns the members' e-mail addresses.
 */
export function saveGroupMembers(desk: DeskContext, groupId: string, emails: readonly string[]): Promise<string[]> {
  return inTransaction(desk.db, async (trx) => {
    if (!(await listGroups(trx)).some((g) => g.id === groupId)) throw new DeskError(404, 'not-found', `The group "${groupId}" was not found`);
    const users = new Map((await listUsers(trx)).map((u) => [u.email, u]));
    const problems: { path: string; message: string }[] = [];
    const ids = emails.map((email, i) => {
      const user = users.get(email.trim().toLowerCase());
      if (!user) problems.push({ path: `members[${i}]`, message: `no account has the e-mail address "${email}"` });
      else if (!user.roles.some((r) => supportRoles.includes(r))) problems.push({ path: `members[${i}]`, message: `${user.name} is not support staff (agent, specialist, manager or admin)` });
      return user?.id ?? '';
    });
    if (problems.length) throw new DeskError(422, 'validation', 'Some members cannot join the group', problems);
    await setGroupMembers(trx, groupId, ids);
    // Every member, deactivated ones too (they stay in the group, skipped by its queues, until removed).
    return [...new Set(emails.map((e) => e.trim().toLowerCase()))].sort();
  });
}
