/**
 * The mail channels pages' words, in their own catalogues (ui/src/lib/i18n/mail-in/):
 * `mt` works like `i18n.t`, in the same chosen locale, and falls back to
 * English for a key a locale lacks.
 */
import { i18n } from '../i18n/i18n.svelte.ts';
import type { Locale } from '../i18n/locales.ts';
import { mailInCy } from '../i18n/mail-in/cy.ts';
import { mailInEn, type MailInKey, type MailInMessages } from '../i18n/mail-in/en.ts';
import { mailInRo } from '../i18n/mail-in/ro.ts';
import { mailInZhCN } from '../i18n/mail-in/zh-CN.ts';

export const mailInCatalogues: Record<Locale, MailInMessages> = { en: mailInEn, cy: mailInCy, 'zh-CN': mailInZhCN, ro: mailInRo };

export type { MailInKey };

export const mt = (key: MailInKey, params: Record<string, string | number> = {}): string =>
  (mailInCatalogues[i18n.locale][key] ?? mailInEn[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
