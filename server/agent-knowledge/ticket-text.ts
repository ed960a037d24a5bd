/**
 * A ticket's own words as a search: its title first, then its field values,
 * the words that tell it apart (no stop words, each once, at most
 * `maxWords`), each quoted and OR-ed so bm25 ranks what shares most of them
 * first. Nothing is a prefix: the ticket is written, not being typed.
 */
import { queryWords } from '../knowledge/search-query.ts';

export const maxWords = 24;

/** The words of a ticket a search looks for, title words first. */
export function ticketWords(title: string, fields: Record<string, unknown>): string[] {
  const values = Object.values(fields)
    .flatMap((v) => (Array.isArray(v) ? v : [v]))
    .filter((v): v is string => typeof v === 'string');
  // Short codes from selects ("me", "p1") and long digit runs (ids, phone numbers) say nothing about the problem.
  const telling = (w: string) => w.length > 2 && !/^\d{4,}$/.test(w);
  const words = [...queryWords(title), ...values.flatMap((v) => queryWords(v))].filter(telling);
  return [...new Set(words)].slice(0, maxWords);
}

/** The FTS5 MATCH expression for a ticket's words, or null when it has none worth looking for. */
export function ticketMatch(title: string, fields: Record<string, unknown>): string | null {
  const words = ticketWords(title, fields);
  return words.length ? words.map((w) => `"${w}"`).join(' OR ') : null;
}
