/**
 * The admin API the desk settings pages use: calendars, groups, queues and
 * SLA policies (read and written with plain requests typed by the server's
 * own schemas, as their routes come from one shared helper), accounts and
 * group members through Hono's typed client.
 */
import { hc } from 'hono/client';
import type { Calendar } from '../../../../server/engine/calendar/calendar.schema.ts';
import type { Group, Queue, SlaPolicy } from '../../../../server/engine/desk/desk.schema.ts';
import type { adminGroupMemberRoutes } from '../../../../server/http/admin-group-members.routes.ts';
import type { adminUserRoutes } from '../../../../server/http/admin-users.routes.ts';
import { call } from '../api/client.ts';
import { ApiProblem } from '../api/problem.ts';

const base = typeof location === 'undefined' ? 'http://localhost' : location.origin;
const users = hc<typeof adminUserRoutes>(base).api.admin.users;
const groups = hc<typeof adminGroupMemberRoutes>(base).api.admin.groups;

export interface Settings {
  calendars: Calendar;
  groups: Group;
  queues: Queue;
  'sla-policies': SlaPolicy;
}
export type SettingKind = keyof Settings;
export type { Calendar, Group, Queue, SlaPolicy };
export type Account = Awaited<ReturnType<typeof listUsers>>[number];

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiProblem(0, 'network', '');
  }
  if (!res.ok) throw await ApiProblem.from(res);
  return (await res.json()) as T;
}

/** What the desk answers beside a setting's fields: its revision, and who saved it last. */
export interface Stamp {
  revision: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** A setting as an editor holds it: its fields, and the revision they are. */
export interface Loaded<T> {
  value: T;
  revision: number;
}

/** A setting's own fields, without the desk's stamp (what a save sends back). */
export function unstamp<T>(stamped: T & Partial<Stamp>): T {
  const { revision: _r, updatedAt: _a, updatedBy: _b, ...value } = stamped;
  return value as T;
}

export async function listSettings<K extends SettingKind>(kind: K): Promise<Settings[K][]> {
  return (await request<{ items: (Settings[K] & Stamp)[] }>('GET', `/api/admin/${kind}`)).items.map((x) => unstamp<Settings[K]>(x));
}

/** One setting with its revision; a 404 ApiProblem when there is none. */
export async function loadSetting<K extends SettingKind>(kind: K, id: string | null): Promise<Loaded<Settings[K]>> {
  const found = (await request<{ items: (Settings[K] & Stamp)[] }>('GET', `/api/admin/${kind}`)).items.find((x) => x.id === id);
  if (!found) throw new ApiProblem(404, 'not-found', '');
  return { value: unstamp<Settings[K]>(found), revision: found.revision };
}

/**
 * Creates (POST; the id must be free) or replaces (PUT) one setting, and
 * returns it as the desk stored it. A replace based on `baseRevision` is a
 * 409 `conflict` (with `current`) when someone saved it since.
 */
export async function saveSetting<K extends SettingKind>(kind: K, value: Settings[K], create: boolean, baseRevision: number | null = null): Promise<Loaded<Settings[K]>> {
  const query = baseRevision === null ? '' : `?baseRevision=${baseRevision}`;
  const stored = create
    ? await request<Settings[K] & Stamp>('POST', `/api/admin/${kind}`, value)
    : await request<Settings[K] & Stamp>('PUT', `/api/admin/${kind}/${encodeURIComponent(value.id)}${query}`, value);
  return { value: unstamp<Settings[K]>(stored), revision: stored.revision };
}

/** Deletes a setting nothing uses; a 409 `in-use` lists, by path, what still does. */
export async function deleteSetting(kind: SettingKind, id: string, baseRevision: number | null): Promise<void> {
  let res: Response;
  try {
    res = await fetch(`/api/admin/${kind}/${encodeURIComponent(id)}${baseRevision === null ? '' : `?baseRevision=${baseRevision}`}`, { method: 'DELETE', headers: { accept: 'application/json' } });
  } catch {
    throw new ApiProblem(0, 'network', '');
  }
  if (!res.ok) throw await ApiProblem.from(res);
}

export async function listUsers() {
  return (await call(users.$get())).items;
}

export function createUser(json: Parameters<typeof users.$post>[0]['json']) {
  return call(users.$post({ json }));
}

/** An admin's change to an account (fields left out stay); `active: false` deactivates it. */
export async function changeUser(id: string, json: Parameters<(typeof users)[':id']['$patch']>[0]['json']): Promise<Account> {
  return (await call(users[':id'].$patch({ param: { id }, json }))).user;
}

/** Sets a new password for an account; the desk ends its other sessions. */
export async function setUserPassword(id: string, password: string): Promise<void> {
  await call(users[':id'].password.$post({ param: { id }, json: { password } }));
}

/** Whether an account may sign in and be handed tickets. */
export const isActive = (a: Account) => a.deactivatedAt === null;

export async function setMembers(groupId: string, members: string[]): Promise<string[]> {
  return (await call(groups[':id'].members.$put({ param: { id: groupId }, json: { members } }))).members;
}

/** People who may work tickets in a group's queues. */
export const isSupportStaff = (a: Account) => a.roles.some((r) => r !== 'requester');

/** Every IANA time zone the browser knows, with the one shown kept even if it does not. */
export function timeZones(current?: string): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const all = new Set(['UTC', ...zones]);
  if (current) all.add(current);
  return [...all].sort();
}
