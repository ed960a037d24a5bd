/** An avatar's letters and colour for a name: first and last word's initials, a hue fixed by the name. */
export function initials(name: string): string {
  const words = name.trim().split(/[\s@._-]+/u).filter(Boolean);
  if (words.length === 0) return '?';
  const first = [...words[0]!][0]!;
  // Scripts without capitals or spaces (e.g. 王小明) read best as the first character alone.
  if (words.length === 1 || !/\p{Lu}|\p{Ll}/u.test(first)) return first.toLocaleUpperCase();
  return (first + [...words.at(-1)!][0]!).toLocaleUpperCase();
}

/** One of six avatar tones (1–6), the same for a name every time. */
export function tone(name: string): number {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return (h % 6) + 1;
}
