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
import { groupMembers } from '../db/users.repository.ts';
import type { DeskSettings, Group, Queue, SlaPolicy } from '../engine/desk/desk.schema.ts';
import type { DeskDirectory } from '../engine/intake.ts';
import type { DeskContext } from './desk-context.ts';

/** Everything the engine needs to route a ticket: queues with their members, and SLA policies. */
export async function loadDirectory(db: DeskDb, desk: { name: string; url: string }): Promise<DeskDirectory> {
  const [queues, policies, calendars] = await Promise.all([listQueues(db), listSlaPolicies(db), listCalendars(db)]);
  const withMembers = await Promise.all(queues.map(async (q) => [q.id, { ...q, members: await groupMembers(db, q.group) }] as const));
  return {
    ...desk,
    queues: new Map(withMembers),
    slaPolicies: new Map(policies.map((p) => [p.id, p])),
    calendars: new Map(calendars.map((c) => [c.id, c])),
  };
}

export async function readSettings(db: DeskDb): Promise<DeskSettings> {
  const [calendars, groups, queues, slaPolicies] = await Promise.all([listCalendars(db), listGroups(db), listQueues(db), listSlaPolicies(db)]);
  return { calendars, groups, queues, slaPolicies };
}

/** Creates a group; 409 when the id is taken. With `replace`, updates the one that exists (404 if none). */
export async function saveGroup(desk: DeskContext, group: Group, mode: 'create' | 'replace'): Promise<Group> {
  return inTransaction(desk.db, async (trx) => {
    const exists = (await listGroups(trx)).some((g) => g.id === group.id);
    assertMode(exists, mode, `group "${group.id}"`);
    await upsertGroup(trx, group);
    return group;
  });
}

export async function saveQueue(desk: DeskContext, queue: Queue, mode: 'create' | 'replace'): Promise<Queue> {
  return inTransaction(desk.db, async (trx) => {
    const exists = (await listQueues(trx)).some((q) => q.id === queue.id);
    assertMode(exists, mode, `queue "${queue.id}"`);
    if (!(await listGroups(trx)).some((g) => g.id === queue.group)) {
      throw new DeskError(422, 'validation', 'The queue names a group that does not exist', [{ path: 'group', message: `the group "${queue.group}" does not exist` }]);
    }
    await upsertQueue(trx, queue);
    return queue;
  });
}

export async function saveSlaPolicy(desk: DeskContext, policy: SlaPolicy, mode: 'create' | 'replace'): Promise<SlaPolicy> {
  return inTransaction(desk.db, async (trx) => {
    const exists = (await listSlaPolicies(trx)).some((p) => p.id === policy.id);
    assertMode(exists, mode, `SLA policy "${policy.id}"`);
    await assertCalendarExists(trx, policy.calendar);
    await upsertSlaPolicy(trx, policy);
    return policy;
  });
}

export async function saveCalendar(desk: DeskContext, calendar: Calendar, mode: 'create' | 'replace'): Promise<Calendar> {
  return inTransaction(desk.db, async (trx) => {
    const exists = (await listCalendars(trx)).some((c) => c.id === calendar.id);
    assertMode(exists, mode, `calendar "${calendar.id}"`);
    await upsertCalendar(trx, calendar);
    return calendar;
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
