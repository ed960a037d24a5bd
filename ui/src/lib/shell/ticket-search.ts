/** Where the header's ticket search goes: the workspace's text search, keeping the list's other filters when already on it. */
import { filtersFrom, urlFor } from '../../routes/agent/list-query.ts';

export function searchUrl(text: string, path: string, query: URLSearchParams): string {
  const base = filtersFrom(path === '/agent' ? query : new URLSearchParams());
  return urlFor({ ...base, view: path === '/agent' ? base.view : '', q: text.trim() });
}
