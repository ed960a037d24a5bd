/**
 * The builder's words, kept in their own catalogues (ui/src/lib/i18n/builder/)
 * beside the app's: `bt` works like `i18n.t`, in the same chosen locale,
 * and falls back to English for a key a locale lacks.
 */
import { i18n } from '../i18n/i18n.svelte.ts';
import type { Locale } from '../i18n/locales.ts';
import { builderCy } from '../i18n/builder/cy.ts';
import { builderEn, type BuilderKey, type BuilderMessages } from '../i18n/builder/en.ts';
import { builderRo } from '../i18n/builder/ro.ts';
import { builderZhCN } from '../i18n/builder/zh-CN.ts';

export const builderCatalogues: Record<Locale, BuilderMessages> = { en: builderEn, cy: builderCy, 'zh-CN': builderZhCN, ro: builderRo };

export type { BuilderKey };

export const bt = (key: BuilderKey, params: Record<string, string | number> = {}): string =>
  (builderCatalogues[i18n.locale][key] ?? builderEn[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

/** A field type's name for people ("Tick box"); a type the desk does not know shows as written. */
export const typeName = (type: string): string => (`type.${type}` in builderEn ? bt(`type.${type}` as BuilderKey) : type);
