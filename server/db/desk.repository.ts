/** Desk settings: groups, queues, SLA policies and calendars, each with its revision. */
import type { DeskDb } from './database.ts';
import { bumpSettingsRevision } from './settings-revision.repository.ts';
import type { Rota } from '../engine/assignment/rota.schema.ts';
import type { Calendar } from '../engine/calendar/calendar.schema.ts';
import type { Group, Queue, SlaPolicy } from '../engine/desk/desk.schema.ts';

export async function listGroups(db: DeskDb): Promise<Group[]> {
  const rows = await db.selectFrom('groups').selectAll().orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: JSON.parse(r.name), tier: r.tier as Group['tier'], ...(r.rota ? { rota: JSON.parse(r.rota) as Rota } : {}) }));
}

export async function upsertGroup(db: DeskDb, group: Group): Promise<void> {
  const values = { name: JSON.stringify(group.name), tier: group.tier, rota: group.rota ? JSON.stringify(group.rota) : null };
  await db
    .insertInto('groups')
    .values({ id: group.id, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ ...values, revision: eb('groups.revision', '+', 1) })))
    .execute();
  await bumpSettingsRevision(db);
}

export async function listQueues(db: DeskDb): Promise<Queue[]> {
  const rows = await db.selectFrom('queues').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    name: JSON.parse(r.name),
    group: r.group_id,
    ...(r.manager ? { manager: r.manager } : {}),
    assignment: r.assignment as Queue['assignment'],
  }));
}

export async function upsertQueue(db: DeskDb, queue: Queue): Promise<void> {
  const values = { name: JSON.stringify(queue.name), group_id: queue.group, manager: queue.manager ?? null, assignment: queue.assignment };
  await db
    .insertInto('queues')
    .values({ id: queue.id, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ ...values, revision: eb('queues.revision', '+', 1) })))
    .execute();
  await bumpSettingsRevision(db);
}

/** SLA policies and calendars are stored whole, as a JSON definition per id. */
type DefinitionTable = 'sla_policies' | 'calendars';

async function listDefinitions<T>(db: DeskDb, table: DefinitionTable): Promise<T[]> {
  const rows = await db.selectFrom(table).selectAll().orderBy('id').execute();
  return rows.map((r) => JSON.parse(r.definition) as T);
}

async function upsertDefinition(db: DeskDb, table: DefinitionTable, value: { id: string }): Promise<void> {
  const definition = JSON.stringify(value);
  await db
    .insertInto(table)
    .values({ id: value.id, definition })
    .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ definition, revision: eb(`${table}.revision`, '+', 1) })))
    .execute();
  await bumpSettingsRevision(db);
}

export const listSlaPolicies = (db: DeskDb) => listDefinitions<SlaPolicy>(db, 'sla_policies');
export const upsertSlaPolicy = (db: DeskDb, policy: SlaPolicy) => upsertDefinition(db, 'sla_policies', policy);
export const listCalendars = (db: DeskDb) => listDefinitions<Calendar>(db, 'calendars');
export const upsertCalendar = (db: DeskDb, calendar: Calendar) => upsertDefinition(db, 'calendars', calendar);

/** The tables of the settings admins edit one by one. */
export type SettingTable = 'groups' | 'queues' | 'sla_policies' | 'calendars';

/** A setting's revision (raised by every save) and who saved it last, when. */
export interface SettingStamp {
  revision: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export async function settingStamps(db: DeskDb, table: SettingTable): Promise<Map<string, SettingStamp>> {
  const rows = await db.selectFrom(table).select(['id', 'revision', 'updated_at', 'updated_by']).execute();
  return new Map(rows.map((r) => [r.id, { revision: r.revision, updatedAt: r.updated_at, updatedBy: r.updated_by }]));
}

export async function findSettingStamp(db: DeskDb, table: SettingTable, id: string): Promise<SettingStamp | undefined> {
  const r = await db.selectFrom(table).select(['revision', 'updated_at', 'updated_by']).where('id', '=', id).executeTakeFirst();
  return r && { revision: r.revision, updatedAt: r.updated_at, updatedBy: r.updated_by };
}

/** Records who saved a setting, after its upsert (which raised its revision). */
export async function stampSetting(db: DeskDb, table: SettingTable, id: string, at: string, by: string | null): Promise<void> {
  await db.updateTable(table).set({ updated_at: at, updated_by: by }).where('id', '=', id).execute();
}

/** Removes a setting (a group's memberships go with it). The caller has checked nothing uses it. */
export async function deleteSetting(db: DeskDb, table: SettingTable, id: string): Promise<void> {
  await db.deleteFrom(table).where('id', '=', id).execute();
  await bumpSettingsRevision(db);
}

/** How many tickets, in any state, are in a queue or run under an SLA policy. */
export async function countTicketsUsing(db: DeskDb, column: 'queue_id' | 'sla_policy', id: string): Promise<number> {
  const row = await db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).where(column, '=', id).executeTakeFirstOrThrow();
  return Number(row.n);
}
