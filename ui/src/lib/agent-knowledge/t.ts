/**
 * The agent's knowledge words, in their own catalogues
 * (ui/src/lib/i18n/agent-knowledge/): `akt` works like `i18n.t`, in the
 * chosen locale, falling back to English for a key a locale lacks.
 */
import { i18n } from '../i18n/i18n.svelte.ts';
import type { Locale } from '../i18n/locales.ts';
import { agentKnowledgeCy } from '../i18n/agent-knowledge/cy.ts';
import { agentKnowledgeEn, type AgentKnowledgeKey, type AgentKnowledgeMessages } from '../i18n/agent-knowledge/en.ts';
import { agentKnowledgeRo } from '../i18n/agent-knowledge/ro.ts';
import { agentKnowledgeZhCN } from '../i18n/agent-knowledge/zh-CN.ts';

const catalogues: Record<Locale, AgentKnowledgeMessages> = { en: agentKnowledgeEn, cy: agentKnowledgeCy, 'zh-CN': agentKnowledgeZhCN, ro: agentKnowledgeRo };

export type { AgentKnowledgeKey };

export const akt = (key: AgentKnowledgeKey, params: Record<string, string | number> = {}): string =>
  (catalogues[i18n.locale][key] ?? agentKnowledgeEn[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
