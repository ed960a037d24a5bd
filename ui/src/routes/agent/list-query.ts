/** The ticket list's filters live in the URL, so a list can be bookmarked, shared and reloaded. */
export const sorts = ['urgent', 'newest', 'oldest', 'updated'] as const;
export const stateFilters = ['active', 'new', 'open', 'pending', 'resolved', 'closed', ''] as const;

export interface ListFilters {
  queue: string;
  view: string;
  state: string;
  priority: string;
  assignee: string;
  q: string;
  sort: string;
  /** "me": what was escalated to the signed-in manager. */
  escalated: string;
}

export function filtersFrom(query: URLSearchParams): ListFilters {
  const get = (k: string) => query.get(k) ?? '';
  // Active tickets unless the agent asks for others: closed work is rarely what they are after.
  return { queue: get('queue'), view: get('view'), state: query.has('state') ? get('state') : 'active', priority: get('priority'), assignee: get('assignee'), q: get('q'), sort: get('sort'), escalated: get('escalated') };
}

export function urlFor(f: ListFilters): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v && !(k === 'state' && v === 'active')) params.set(k, v);
  if (!f.state) params.set('state', '');
  const text = params.toString();
  return text ? `/agent?${text}` : '/agent';
}

/** The API's query for these filters; empty ones are left out. */
export function apiQuery(f: ListFilters, cursor: string | null) {
  const q: Record<string, string> = { limit: '25' };
  for (const [k, v] of Object.entries(f)) if (v) q[k] = v;
  if (cursor) q.cursor = cursor;
  return q;
}

const stateClasses = ['new', 'open', 'pending', 'resolved', 'closed'];
const field = (name: string) => ({ var: `ticket.${name}` });

/**
 * A saved view's json-logic filter (POST /api/views) picking what these
 * filters pick: the state as a class (or "active"), the queue, priorities and
 * assignee; `base` is the filter of a view already applied. Text search and
 * sort are no part of a view.
 */
export function viewFilter(f: ListFilters, base?: unknown): unknown {
  const parts: unknown[] = base === undefined || base === true ? [] : [base];
  if (f.state === 'active') parts.push({ in: [field('statusClass'), ['new', 'open', 'pending']] });
  else if (stateClasses.includes(f.state)) parts.push({ '==': [field('statusClass'), f.state] });
  else if (f.state) parts.push({ '==': [field('status'), f.state] });
  if (f.queue) parts.push({ '==': [field('queue'), f.queue] });
  const priorities = f.priority.split(',').filter(Boolean);
  if (priorities.length === 1) parts.push({ '==': [field('priority'), priorities[0]] });
  else if (priorities.length > 1) parts.push({ in: [field('priority'), priorities] });
  if (f.assignee === 'me') parts.push({ '==': [field('assignee'), { var: 'me' }] });
  else if (f.assignee === 'none') parts.push({ '==': [field('assignee'), null] });
  else if (f.assignee) parts.push({ '==': [field('assignee'), f.assignee] });
  return parts.length === 0 ? true : parts.length === 1 ? parts[0] : { and: parts };
}

/** Where a saved view opens: the view alone decides which tickets, whatever the list's default state. */
export const viewUrl = (id: number) => `/agent?view=${id}&state=`;
