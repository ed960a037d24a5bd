/**
 * The knowledge pages' words, in their own catalogues
 * (ui/src/lib/i18n/knowledge/): `kt` works like `i18n.t`, in the chosen
 * locale, falling back to English for a key a locale lacks.
 */
import { i18n } from '../i18n/i18n.svelte.ts';
import type { Locale } from '../i18n/locales.ts';
import { knowledgeCy } from '../i18n/knowledge/cy.ts';
import { knowledgeEn, type KnowledgeKey, type KnowledgeMessages } from '../i18n/knowledge/en.ts';
import { knowledgeRo } from '../i18n/knowledge/ro.ts';
import { knowledgeZhCN } from '../i18n/knowledge/zh-CN.ts';

const catalogues: Record<Locale, KnowledgeMessages> = { en: knowledgeEn, cy: knowledgeCy, 'zh-CN': knowledgeZhCN, ro: knowledgeRo };

export type { KnowledgeKey };

export const kt = (key: KnowledgeKey, params: Record<string, string | number> = {}): string =>
  (catalogues[i18n.locale][key] ?? knowledgeEn[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
