/**
 * The reports' words, kept in their own catalogues (ui/src/lib/i18n/reports/):
 * `rt` works like `i18n.t`, in the same chosen locale, falling back to English.
 */
import { i18n } from '../../lib/i18n/i18n.svelte.ts';
import type { Locale } from '../../lib/i18n/locales.ts';
import { reportsCy } from '../../lib/i18n/reports/cy.ts';
import { reportsEn, type ReportsKey, type ReportsMessages } from '../../lib/i18n/reports/en.ts';
import { reportsRo } from '../../lib/i18n/reports/ro.ts';
import { reportsZhCN } from '../../lib/i18n/reports/zh-CN.ts';

const catalogues: Record<Locale, ReportsMessages> = { en: reportsEn, cy: reportsCy, 'zh-CN': reportsZhCN, ro: reportsRo };

export const rt = (key: ReportsKey, params: Record<string, string | number> = {}): string =>
  (catalogues[i18n.locale][key] ?? reportsEn[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

/** A column's heading; a column the UI does not know shows as the API names it. */
export const columnName = (column: string): string => (`col.${column}` in reportsEn ? rt(`col.${column}` as ReportsKey) : column);

/** A cell as shown: the words for a known value, numbers in the locale's digits. */
export function cellText(value: string | number | null): string {
  if (value === null) return '—';
  if (typeof value === 'number') return value.toLocaleString(i18n.locale);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return i18n.dateTime(value);
  return `value.${value}` in reportsEn ? rt(`value.${value}` as ReportsKey) : value;
}
