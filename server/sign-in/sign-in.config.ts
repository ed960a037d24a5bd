/**
 * How people sign in, from the environment: passwords, and "Sign in with …"
 * through the organisation's OpenID Connect provider. Checked once at start
 * with the rest of the configuration (`loadConfig`); every problem names its
 * variable and, inside `OIDC_ROLE_RULES`, the exact place in the JSON.
 */
import { z } from 'zod';
import { roles } from '../engine/people/people.schema.ts';

/** One admin-written rule: people whose claim holds `value` get these roles and join these groups. */
export const roleRule = z.strictObject({
  /** The ID token claim to read; the desk's `OIDC_GROUPS_CLAIM` when left out. */
  claim: z.string().min(1).max(100).optional(),
  /** A value the claim (a string or a list of strings) must hold. */
  value: z.string().min(1).max(300),
  roles: z.array(z.enum(roles)).max(roles.length).default([]),
  groups: z.array(z.string().min(1).max(100)).max(100).default([]),
});
export type RoleRule = z.infer<typeof roleRule>;

const onOff = z.enum(['on', 'off']);

const environment = z.object({
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The button says "Sign in with {OIDC_NAME}". */
  OIDC_NAME: z.string().min(1).max(60).default('your organisation'),
  /** Where the provider sends people back; `DESK_PUBLIC_URL` + /api/auth/oidc/callback when left out. */
  OIDC_REDIRECT_URL: z.url().optional(),
  OIDC_SCOPES: z.string().default('openid email profile'),
  /** Accounts the desk does not know are created as requesters on their first sign-in (`off`: refused). */
  OIDC_CREATE_ACCOUNTS: onOff.default('on'),
  OIDC_GROUPS_CLAIM: z.string().min(1).max(100).default('groups'),
  /** JSON list of rules; see docs/sign-in.md. */
  OIDC_ROLE_RULES: z.string().default('[]'),
  /** `on`: each sign-in sets roles and groups from the claim again; `off`: only when the account is created. */
  OIDC_SYNC_ROLES: onOff.default('off'),
  /** `everyone`, or `break-glass`: only the break-glass admin may still sign in with a password. */
  DESK_PASSWORD_SIGN_IN: z.enum(['everyone', 'break-glass']).default('everyone'),
  DESK_BREAK_GLASS_EMAIL: z.email().optional(),
  DESK_ADMIN_EMAIL: z.email().optional(),
});

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
  /** Null: derived from the desk's public URL when needed (its port may be known only once it listens). */
  redirectUrl: string | null;
  scopes: string;
  createAccounts: boolean;
  groupsClaim: string;
  rules: RoleRule[];
  syncRoles: boolean;
}

export interface SignInConfig {
  /** Null: "Sign in with …" is off. */
  oidc: OidcConfig | null;
  passwords: 'everyone' | 'break-glass';
  /** The one account that signs in with a password when `passwords` is `break-glass`. */
  breakGlassEmail: string | undefined;
}

/** The problems of a configuration, each as `VARIABLE` or `VARIABLE[0].roles[1]`, with its message. */
export type ConfigProblem = { path: string; message: string };

const jsonPath = (path: readonly PropertyKey[]) =>
  path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');

/** `OIDC_ROLE_RULES` parsed, or its problems with their places in the JSON. */
export function parseRoleRules(text: string): { rules: RoleRule[]; problems: ConfigProblem[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { rules: [], problems: [{ path: 'OIDC_ROLE_RULES', message: `is not JSON: ${(error as Error).message}` }] };
  }
  const parsed = z.array(roleRule).max(200).safeParse(value);
  if (parsed.success) return { rules: parsed.data, problems: [] };
  return { rules: [], problems: parsed.error.issues.map((i) => ({ path: `OIDC_ROLE_RULES${jsonPath(i.path)}`, message: i.message })) };
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);
/** Plain http is allowed to a provider on this machine only (a test or a provider beside the desk). */
export const isLoopback = (url: string) => loopbackHosts.has(new URL(url).hostname);

/** The sign-in part of the configuration, or its problems. */
export function loadSignInConfig(env: Record<string, string | undefined>): { config: SignInConfig; problems: ConfigProblem[] } {
  const parsed = environment.safeParse(env);
  const off: SignInConfig = { oidc: null, passwords: 'everyone', breakGlassEmail: undefined };
  if (!parsed.success) return { config: off, problems: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
  const e = parsed.data;
  const problems: ConfigProblem[] = [];
  const given = (['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const).filter((name) => e[name] !== undefined);
  if (given.length > 0 && given.length < 3) {
    for (const name of ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const) {
      if (e[name] === undefined) problems.push({ path: name, message: `is needed with ${given.join(' and ')}` });
    }
  }
  if (e.OIDC_ISSUER && !e.OIDC_ISSUER.startsWith('https://') && !isLoopback(e.OIDC_ISSUER)) {
    problems.push({ path: 'OIDC_ISSUER', message: 'must be an https:// address (plain http only to a provider on this machine)' });
  }
  if (!e.OIDC_SCOPES.split(/\s+/).includes('openid')) problems.push({ path: 'OIDC_SCOPES', message: 'must include "openid"' });
  const { rules, problems: ruleProblems } = parseRoleRules(e.OIDC_ROLE_RULES);
  problems.push(...ruleProblems);
  const breakGlassEmail = (e.DESK_BREAK_GLASS_EMAIL ?? e.DESK_ADMIN_EMAIL)?.toLowerCase();
  if (e.DESK_PASSWORD_SIGN_IN === 'break-glass') {
    if (given.length < 3) problems.push({ path: 'DESK_PASSWORD_SIGN_IN', message: 'break-glass needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET, or nobody could sign in' });
    if (!breakGlassEmail) problems.push({ path: 'DESK_BREAK_GLASS_EMAIL', message: 'is needed (or DESK_ADMIN_EMAIL) when DESK_PASSWORD_SIGN_IN is break-glass' });
  }
  if (problems.length) return { config: off, problems };
  return {
    config: {
      oidc:
        e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
          ? {
              issuer: e.OIDC_ISSUER,
              clientId: e.OIDC_CLIENT_ID,
              clientSecret: e.OIDC_CLIENT_SECRET,
              name: e.OIDC_NAME,
              redirectUrl: e.OIDC_REDIRECT_URL ?? null,
              scopes: e.OIDC_SCOPES,
              createAccounts: e.OIDC_CREATE_ACCOUNTS === 'on',
              groupsClaim: e.OIDC_GROUPS_CLAIM,
              rules,
              syncRoles: e.OIDC_SYNC_ROLES === 'on',
            }
          : null,
      passwords: e.DESK_PASSWORD_SIGN_IN,
      breakGlassEmail,
    },
    problems: [],
  };
}
