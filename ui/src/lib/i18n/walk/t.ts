/**
 * The walk's words (ui/src/lib/i18n/walk/): `wt` works like `i18n.t`, in the
 * same chosen locale, and falls back to English for a key a locale lacks.
 */
import { i18n } from '../i18n.svelte.ts';
import type { Locale } from '../locales.ts';
import { walkCy } from './cy.ts';
import { walkEn, type WalkKey, type WalkMessages } from './en.ts';
import { walkRo } from './ro.ts';
import { walkZhCN } from './zh-CN.ts';

const catalogues: Record<Locale, WalkMessages> = { en: walkEn, cy: walkCy, 'zh-CN': walkZhCN, ro: walkRo };

export type { WalkKey };

export const wt = (key: WalkKey, params: Record<string, string | number> = {}): string =>
  (catalogues[i18n.locale][key] ?? walkEn[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
