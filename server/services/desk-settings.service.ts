/** Groups, queues and SLA policies: read by every submission, changed by admins. */
import { inTransaction } from '../db/transaction.ts';
import { DeskError } from '../errors.ts';
import type { DeskDb } from '../db/database.ts';
import {
  countTicketsUsing,
  deleteSetting,
  findSettingStamp,
  listCalendars,
  listGroups,
  listQueues,
  listSlaPolicies,
  settingStamps,
  stampSetting,
  upsertCalendar,
  upsertGroup,
  upsertQueue,
  upsertSlaPolicy,
  type SettingStamp,
  type SettingTable,
} from '../db/desk.repository.ts';
import { latestVersions, listDrafts } from '../db/workflows.repository.ts';
import { queueUses, slaPolicyUses } from '../engine/desk/setting-uses.ts';
import type { Problem } from '../engine/problems.ts';
import type { User } from '../engine/people/people.schema.ts';
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

/** A setting as admins read and save it: its fields, with its revision and who saved it last. */
export type Stamped<T> = T & SettingStamp;

/** Saves a setting as `create` (409 when the id is taken) or `replace` (404 when it is not). */
export type SettingSaver<T> = (desk: DeskContext, actor: User | null, value: T, mode: 'create' | 'replace', baseRevision?: number) => Promise<Stamped<T>>;

/** Every setting of a kind, each with its revision. */
export function settingLister<T extends { id: string }>(table: SettingTable, list: (db: DeskDb) => Promise<T[]>) {
  return async (db: DeskDb): Promise<Stamped<T>[]> => {
    const [items, stamps] = await Promise.all([list(db), settingStamps(db, table)]);
    return items.map((x) => ({ ...x, ...(stamps.get(x.id) ?? { revision: 1, updatedAt: null, updatedBy: null }) }));
  };
}

/**
 * Saves one setting in its own transaction: `create` is 409 when the id is
 * taken, `replace` is 404 when it is not; `check` refuses dangling
 * references. With `baseRevision` (the revision the admin's edit started
 * from), a newer save by someone else is a 409 `conflict` carrying both
 * versions (`current`, `yours`), never a silent overwrite.
 */
function settingSaver<T extends { id: string }>(
  what: string,
  table: SettingTable,
  list: (db: DeskDb) => Promise<T[]>,
  upsert: (db: DeskDb, value: T) => Promise<void>,
  check?: (db: DeskDb, value: T) => Promise<void>,
): SettingSaver<T> {
  return (desk, actor, value, mode, baseRevision) =>
    inTransaction(desk.db, async (trx) => {
      const current = (await list(trx)).find((x) => x.id === value.id);
      assertMode(current !== undefined, mode, `${what} "${value.id}"`);
      if (current && baseRevision !== undefined) {
        const stamp = (await findSettingStamp(trx, table, value.id))!;
        if (stamp.revision !== baseRevision) {
          throw new DeskError(
            409,
            'conflict',
            `${stamp.updatedBy ?? 'Someone'} saved the ${what} "${value.id}" (revision ${stamp.revision}) after you opened revision ${baseRevision}`,
            undefined,
            { current: { ...current, ...stamp }, yours: value },
          );
        }
      }
      await check?.(trx, value);
      await upsert(trx, value);
      await stampSetting(trx, table, value.id, desk.now().toISOString(), actor?.email ?? null);
      return { ...value, ...(await findSettingStamp(trx, table, value.id))! };
    });
}

async function assertGroupExists(db: DeskDb, queue: Queue): Promise<void> {
  if ((await listGroups(db)).some((g) => g.id === queue.group)) return;
  throw new DeskError(422, 'validation', 'The queue names a group that does not exist', [{ path: 'group', message: `the group "${queue.group}" does not exist` }]);
}

export const saveGroup = settingSaver<Group>('group', 'groups', listGroups, upsertGroup);
export const saveQueue = settingSaver<Queue>('queue', 'queues', listQueues, upsertQueue, assertGroupExists);
export const saveSlaPolicy = settingSaver<SlaPolicy>('SLA policy', 'sla_policies', listSlaPolicies, upsertSlaPolicy, (db, p) => assertCalendarExists(db, p.calendar));
export const saveCalendar = settingSaver<Calendar>('calendar', 'calendars', listCalendars, upsertCalendar);

export const listStampedGroups = settingLister('groups', listGroups);
export const listStampedQueues = settingLister('queues', listQueues);
export const listStampedSlaPolicies = settingLister('sla_policies', listSlaPolicies);
export const listStampedCalendars = settingLister('calendars', listCalendars);

/** What may be deleted, by the name its API path uses. */
export type SettingKind = 'groups' | 'queues' | 'sla-policies' | 'calendars';

const kinds: Record<SettingKind, { what: string; table: SettingTable; exists: (db: DeskDb, id: string) => Promise<boolean> }> = {
  groups: { what: 'group', table: 'groups', exists: async (db, id) => (await listGroups(db)).some((x) => x.id === id) },
  queues: { what: 'queue', table: 'queues', exists: async (db, id) => (await listQueues(db)).some((x) => x.id === id) },
  'sla-policies': { what: 'SLA policy', table: 'sla_policies', exists: async (db, id) => (await listSlaPolicies(db)).some((x) => x.id === id) },
  calendars: { what: 'calendar', table: 'calendars', exists: async (db, id) => (await listCalendars(db)).some((x) => x.id === id) },
};

/**
 * What uses a setting, one problem each, with a path naming it:
 * `workflows.<id>.draft` / `workflows.<id>.v<n>` (with where in the
 * definition), `tickets`, `queues.<id>`, `sla-policies.<id>`.
 */
async function usesOf(db: DeskDb, kind: SettingKind, id: string): Promise<Problem[]> {
  const uses: Problem[] = [];
  if (kind === 'queues' || kind === 'sla-policies') {
    const find = kind === 'queues' ? queueUses : slaPolicyUses;
    const [drafts, versions] = await Promise.all([listDrafts(db), latestVersions(db)]);
    for (const d of drafts) {
      const at = find(d.draft, id);
      if (at.length) uses.push({ path: `workflows.${d.id}.draft`, message: `the draft of the workflow "${d.id}" names it (${at.join(', ')})` });
    }
    for (const v of versions) {
      const at = find(v.definition, id);
      if (at.length) uses.push({ path: `workflows.${v.workflowId}.v${v.version}`, message: `version ${v.version} of the workflow "${v.workflowId}" names it (${at.join(', ')})` });
    }
    const tickets = await countTicketsUsing(db, kind === 'queues' ? 'queue_id' : 'sla_policy', id);
    if (tickets) uses.push({ path: 'tickets', message: kind === 'queues' ? `${tickets} ticket${tickets === 1 ? ' is' : 's are'} in it` : `${tickets} ticket${tickets === 1 ? ' runs' : 's run'} under it` });
  }
  if (kind === 'groups') {
    for (const q of await listQueues(db)) if (q.group === id) uses.push({ path: `queues.${q.id}`, message: `the queue "${q.id}" is worked by it` });
  }
  if (kind === 'calendars') {
    for (const p of await listSlaPolicies(db)) if (p.calendar === id) uses.push({ path: `sla-policies.${p.id}`, message: `the SLA policy "${p.id}" counts its hours` });
  }
  return uses;
}

/**
 * Deletes a setting nothing uses: 404 when there is none, 409 `conflict`
 * (with `current`) when someone saved it after `baseRevision`, 409 `in-use`
 * listing every workflow, ticket count and other setting that uses it.
 */
export function removeSetting(desk: DeskContext, kind: SettingKind, id: string, baseRevision?: number): Promise<void> {
  const { what, table, exists } = kinds[kind];
  return inTransaction(desk.db, async (trx) => {
    if (!(await exists(trx, id))) throw new DeskError(404, 'not-found', `The ${what} "${id}" was not found`);
    const stamp = (await findSettingStamp(trx, table, id))!;
    if (baseRevision !== undefined && stamp.revision !== baseRevision) {
      throw new DeskError(409, 'conflict', `${stamp.updatedBy ?? 'Someone'} saved the ${what} "${id}" (revision ${stamp.revision}) after you opened revision ${baseRevision}`, undefined, {
        current: stamp,
      });
    }
    const uses = await usesOf(trx, kind, id);
    if (uses.length) throw new DeskError(409, 'in-use', `The ${what} "${id}" is still in use: ${uses.map((u) => u.message).join('; ')}`, uses);
    await deleteSetting(trx, table, id);
  });
}

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
