/**
 * The app shell's words, kept in their own catalogues (ui/src/lib/i18n/shell/)
 * beside the app's: `st` works like `i18n.t`, in the same chosen locale, and
 * falls back to English for a key a locale lacks.
 */
import { i18n } from '../i18n/i18n.svelte.ts';
import type { Locale } from '../i18n/locales.ts';
import { shellCy } from '../i18n/shell/cy.ts';
import { shellEn, type ShellKey, type ShellMessages } from '../i18n/shell/en.ts';
import { shellRo } from '../i18n/shell/ro.ts';
import { shellZhCN } from '../i18n/shell/zh-CN.ts';

export const shellCatalogues: Record<Locale, ShellMessages> = { en: shellEn, cy: shellCy, 'zh-CN': shellZhCN, ro: shellRo };

export type { ShellKey };

export const st = (key: ShellKey, params: Record<string, string | number> = {}): string =>
  (shellCatalogues[i18n.locale][key] ?? shellEn[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
