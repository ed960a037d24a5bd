/**
 * The approvals pages' words, kept in their own catalogues
 * (ui/src/lib/i18n/approvals/) beside the app's: `apt` works like `i18n.t`,
 * in the same chosen locale, and falls back to English for a missing key.
 */
import { i18n } from '../i18n/i18n.svelte.ts';
import type { Locale } from '../i18n/locales.ts';
import { approvalsCy } from '../i18n/approvals/cy.ts';
import { approvalsEn, type ApprovalKey, type ApprovalMessages } from '../i18n/approvals/en.ts';
import { approvalsRo } from '../i18n/approvals/ro.ts';
import { approvalsZhCN } from '../i18n/approvals/zh-CN.ts';

export const approvalCatalogues: Record<Locale, ApprovalMessages> = { en: approvalsEn, cy: approvalsCy, 'zh-CN': approvalsZhCN, ro: approvalsRo };

export type { ApprovalKey };

export const apt = (key: ApprovalKey, params: Record<string, string | number> = {}): string =>
  (approvalCatalogues[i18n.locale][key] ?? approvalsEn[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
