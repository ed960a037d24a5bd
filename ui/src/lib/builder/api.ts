/**
 * The admin API the builder uses. Workflows and templates go through Hono's
 * typed client like the rest of the UI; the desk settings lists (queues,
 * SLA policies, calendars) are read with plain GETs typed by the server's
 * own schemas, as their routes are declared from a shared helper.
 */
import { hc, type InferResponseType } from 'hono/client';
import type { Calendar } from '../../../../server/engine/calendar/calendar.schema.ts';
import type { Group, Queue, SlaPolicy } from '../../../../server/engine/desk/desk.schema.ts';
import type { adminTemplateRoutes } from '../../../../server/http/admin-templates.routes.ts';
import type { adminWorkflowRoutes } from '../../../../server/http/admin-workflows.routes.ts';
import { ApiProblem } from '../api/problem.ts';

const base = typeof location === 'undefined' ? 'http://localhost' : location.origin;

export const adminApi = {
  workflows: hc<typeof adminWorkflowRoutes>(base).api.admin.workflows,
  templates: hc<typeof adminTemplateRoutes>(base).api.admin.templates,
};

export type WorkflowSummary = InferResponseType<typeof adminApi.workflows.$get, 200>['items'][number];
export type WorkflowVersion = InferResponseType<(typeof adminApi.workflows)[':id']['versions']['$get'], 200>['items'][number];
export type StoredTemplate = InferResponseType<typeof adminApi.templates.$get, 200>['items'][number];
export type { Calendar, Group, Queue, SlaPolicy };

/** What a simulated submission comes back with (the route types it loosely; this is the engine's shape). */
export interface SimulatedTicket {
  number: string;
  title: string;
  kind: string;
  category: string | null;
  priority: string;
  queue: string;
  sla: { policy: string; responseMinutes: number; resolutionMinutes: number; response: string; resolution: string };
}
export interface SimulatedNotification {
  template: string;
  locale: string;
  recipient: { name?: string; email: string };
  subject: string;
  text: string;
  status: 'pending' | 'failed';
  error?: string;
}
type Simulated = InferResponseType<(typeof adminApi.workflows)[':id']['simulate']['$post'], 200>;
/** When one escalation rule would fire for the simulated ticket, and what it would do. */
export type EscalationTimelineEntry = Simulated['escalations'][number];
/** The past ticket a simulation took its answers from. */
export type SimulatedFrom = NonNullable<Simulated['from']>;
export interface Simulation {
  ticket: SimulatedTicket;
  events: { type: string; data: Record<string, unknown> }[];
  notifications: SimulatedNotification[];
  from: SimulatedFrom | null;
  escalations: EscalationTimelineEntry[];
}

async function items<T>(path: string): Promise<T[]> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { accept: 'application/json' } });
  } catch {
    throw new ApiProblem(0, 'network', '');
  }
  if (!res.ok) throw await ApiProblem.from(res);
  return ((await res.json()) as { items: T[] }).items;
}

/** Everything a workflow can refer to, loaded once per page. */
export interface DeskChoices {
  groups: Group[];
  queues: Queue[];
  slaPolicies: SlaPolicy[];
  calendars: Calendar[];
  /** Template names that exist in English, which is what a workflow may name. */
  templates: string[];
}

export async function loadDeskChoices(): Promise<DeskChoices> {
  const [groups, queues, slaPolicies, calendars, templates] = await Promise.all([
    items<Group>('/api/admin/groups'),
    items<Queue>('/api/admin/queues'),
    items<SlaPolicy>('/api/admin/sla-policies'),
    items<Calendar>('/api/admin/calendars'),
    items<StoredTemplate>('/api/admin/templates'),
  ]);
  return { groups, queues, slaPolicies, calendars, templates: [...new Set(templates.filter((t) => t.locale === 'en').map((t) => t.name))].sort() };
}

/** Where a new workflow's tickets go when no rule says otherwise: a first-line queue when the desk has one. */
export function firstLineQueue(choices: DeskChoices): Queue | undefined {
  const firstLine = new Set(choices.groups.filter((g) => g.tier === 'first-line').map((g) => g.id));
  return choices.queues.find((q) => firstLine.has(q.group)) ?? choices.queues[0];
}
