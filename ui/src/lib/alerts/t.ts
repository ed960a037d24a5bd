/**
 * The alerts feature's words, in their own catalogues (ui/src/lib/i18n/alerts/):
 * `at` works like `i18n.t`, in the same chosen locale, and falls back to
 * English for a key a locale lacks.
 */
import { i18n } from '../i18n/i18n.svelte.ts';
import type { Locale } from '../i18n/locales.ts';
import { alertsCy } from '../i18n/alerts/cy.ts';
import { alertsEn, type AlertKey, type AlertMessages } from '../i18n/alerts/en.ts';
import { alertsRo } from '../i18n/alerts/ro.ts';
import { alertsZhCN } from '../i18n/alerts/zh-CN.ts';

export const alertCatalogues: Record<Locale, AlertMessages> = { en: alertsEn, cy: alertsCy, 'zh-CN': alertsZhCN, ro: alertsRo };

export type { AlertKey };

export const at = (key: AlertKey, params: Record<string, string | number> = {}): string =>
  (alertCatalogues[i18n.locale][key] ?? alertsEn[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
