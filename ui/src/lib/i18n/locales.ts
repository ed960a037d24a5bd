/** The languages the UI speaks, and how one is chosen: the person's choice, else the browser's. */
export const locales = [
  { id: 'en', name: 'English' },
  { id: 'cy', name: 'Cymraeg' },
  { id: 'zh-CN', name: '简体中文' },
  { id: 'ro', name: 'Română' },
] as const;
export type Locale = (typeof locales)[number]['id'];

export const storageKey = 'deskwright.locale';

export const isLocale = (value: unknown): value is Locale => locales.some((l) => l.id === value);

/** The first of the browser's languages the UI speaks ("cy-GB" → cy, "zh" or "zh-Hans" → zh-CN), else English. */
export function fromBrowser(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const lower = tag.toLowerCase();
    const exact = locales.find((l) => l.id.toLowerCase() === lower);
    if (exact) return exact.id;
    const base = lower.split('-')[0];
    if (base === 'zh') return 'zh-CN';
    const byBase = locales.find((l) => l.id === base);
    if (byBase) return byBase.id;
  }
  return 'en';
}
