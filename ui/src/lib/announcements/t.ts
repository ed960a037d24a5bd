/**
 * The announcements' words, in their own catalogues
 * (ui/src/lib/i18n/announcements/): `at` works like `i18n.t`, in the chosen
 * locale, falling back to English for a key a locale lacks.
 */
import { i18n } from '../i18n/i18n.svelte.ts';
import type { Locale } from '../i18n/locales.ts';
import { announcementsCy } from '../i18n/announcements/cy.ts';
import { announcementsEn, type AnnouncementsKey, type AnnouncementsMessages } from '../i18n/announcements/en.ts';
import { announcementsRo } from '../i18n/announcements/ro.ts';
import { announcementsZhCN } from '../i18n/announcements/zh-CN.ts';

const catalogues: Record<Locale, AnnouncementsMessages> = { en: announcementsEn, cy: announcementsCy, 'zh-CN': announcementsZhCN, ro: announcementsRo };

export type { AnnouncementsKey };

export const nt = (key: AnnouncementsKey, params: Record<string, string | number> = {}): string =>
  (catalogues[i18n.locale][key] ?? announcementsEn[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
