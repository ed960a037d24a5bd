/**
 * The sign-in feature's words, in their own catalogues (ui/src/lib/i18n/sign-in/):
 * `st` works like `i18n.t`, in the same chosen locale, and falls back to
 * English for a key a locale lacks.
 */
import { i18n } from '../i18n/i18n.svelte.ts';
import type { Locale } from '../i18n/locales.ts';
import { signInCy } from '../i18n/sign-in/cy.ts';
import { signInEn, type SignInKey, type SignInMessages } from '../i18n/sign-in/en.ts';
import { signInRo } from '../i18n/sign-in/ro.ts';
import { signInZhCN } from '../i18n/sign-in/zh-CN.ts';

export const signInCatalogues: Record<Locale, SignInMessages> = { en: signInEn, cy: signInCy, 'zh-CN': signInZhCN, ro: signInRo };

export type { SignInKey };

export const st = (key: SignInKey, params: Record<string, string | number> = {}): string =>
  (signInCatalogues[i18n.locale][key] ?? signInEn[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

/** The reasons the desk gives in `/?sign-in-error=…`; anything else is not shown. */
export const failures = ['state', 'provider-refused', 'token-refused', 'email-unverified', 'no-account', 'account-deactivated', 'unavailable'] as const;
export const failureText = (code: string | null): string | null =>
  code && (failures as readonly string[]).includes(code) ? st(`oidc.error.${code}` as SignInKey) : null;
