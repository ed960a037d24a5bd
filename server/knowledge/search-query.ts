/**
 * What a person typed, turned into an FTS5 query that can never be a syntax
 * error: only letters and digits survive, each word is quoted (so `NEAR`,
 * `AND`, `*` and stray quotes are just words or nothing), the last word is a
 * prefix (the person may still be typing), and the words are OR-ed so bm25
 * ranks the articles that share most of them first.
 */

/** Words too common to tell one article from another. */
const stopWords = new Set(
  'a an and are as at be but by can do does for from how i if in into is it its me my no not of on or our so that the their then there these this to was we what when where which who why will with you your'.split(' '),
);

export function queryWords(text: string): string[] {
  const words = (text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? []).slice(0, 32);
  const telling = words.filter((w) => !stopWords.has(w));
  return [...new Set(telling.length ? telling : words)];
}

/** The FTS5 MATCH expression, or null when nothing searchable was typed. */
export function knowledgeMatch(text: string): string | null {
  const raw = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  const words = queryWords(text);
  if (!words.length) return null;
  const last = raw[raw.length - 1]?.toLowerCase();
  // Prefix only the word still being typed, and only once it is long enough to mean something.
  return words.map((w) => `"${w}"${w === last && w.length >= 3 && !/\s$/.test(text) ? '*' : ''}`).join(' OR ');
}
