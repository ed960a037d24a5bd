/**
 * The problems feature's words, in their own catalogues (ui/src/lib/i18n/problems/):
 * `pt` works like `i18n.t`, in the same chosen locale, and falls back to
 * English for a key a locale lacks.
 */
import { i18n } from '../i18n/i18n.svelte.ts';
import type { Locale } from '../i18n/locales.ts';
import { problemsCy } from '../i18n/problems/cy.ts';
import { problemsEn, type ProblemKey, type ProblemMessages } from '../i18n/problems/en.ts';
import { problemsRo } from '../i18n/problems/ro.ts';
import { problemsZhCN } from '../i18n/problems/zh-CN.ts';

export const problemCatalogues: Record<Locale, ProblemMessages> = { en: problemsEn, cy: problemsCy, 'zh-CN': problemsZhCN, ro: problemsRo };

export type { ProblemKey };

export const pt = (key: ProblemKey, params: Record<string, string | number> = {}): string =>
  (problemCatalogues[i18n.locale][key] ?? problemsEn[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
