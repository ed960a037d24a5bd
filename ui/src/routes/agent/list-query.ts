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
}

export function filtersFrom(query: URLSearchParams): ListFilters {
  const get = (k: string) => query.get(k) ?? '';
  // Active tickets unless the agent asks for others: closed work is rarely what they are after.
  return { queue: get('queue'), view: get('view'), state: query.has('state') ? get('state') : 'active', priority: get('priority'), assignee: get('assignee'), q: get('q'), sort: get('sort') };
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
