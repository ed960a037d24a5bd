/** The desk's configuration, from the environment, checked once at start. */
import { z } from 'zod';
import { logLevels, type LogLevel } from './observability/logger.ts';
import { TrustedProxies } from './http/client-address.ts';
import { loadSignInConfig, type SignInConfig } from './sign-in/sign-in.config.ts';

/** `demoPassword` of the demo accounts (kept equal by test/security/secrets.test.ts). */
export const publishedDemoPassword = 'deskwright-demo';

/** An admin's password, as `serve` and `create-admin` accept it. */
export function adminPassword(name: string) {
  return (
    z
      .string()
      .min(12, `${name} must be at least 12 characters`)
      // The demo accounts' password is printed in the README: never a real admin's.
      .refine((p) => p !== publishedDemoPassword, `${name} must not be the published demo password`)
  );
}
const splitList = (value: string) => value.split(',').map((v) => v.trim()).filter(Boolean);

const environment = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DESK_DB: z.string().default('data/deskwright.sqlite'),
  /** postgres://user:password@host:port/database: run on PostgreSQL instead of the SQLite file (docs/postgres.md). */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL').optional(),
  SMTP_URL: z.url().optional(),
  MAIL_FROM: z.string().default('Deskwright <desk@localhost>'),
  DESK_PUBLIC_URL: z.url().optional(),
  DESK_NAME: z.string().default('IT Service Desk'),
  DESK_ADMIN_EMAIL: z.email().optional(),
  DESK_ADMIN_PASSWORD: adminPassword('DESK_ADMIN_PASSWORD').optional(),
  /** Signs outgoing webhooks (HMAC-SHA256); without it no webhook is sent. */
  WEBHOOK_SECRET: z.string().min(16, 'WEBHOOK_SECRET must be at least 16 characters').optional(),
  /** Hosts on the inside (loopback, private networks) that webhooks may reach, comma-separated. */
  WEBHOOK_ALLOW_HOSTS: z.string().default(''),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** debug, info (one line per request), warn, error or silent. */
  LOG_LEVEL: z.enum(logLevels).default('info'),
  /** `host:port` of a second listener that serves only /metrics, without a token (keep it on an inside address). */
  METRICS_BIND: z
    .string()
    .regex(/^(\[[0-9a-fA-F:]+\]|[^:\s]+):\d{1,5}$/, 'METRICS_BIND must be host:port, e.g. 127.0.0.1:9464')
    .optional(),
  /** Reverse proxies (CIDRs, comma-separated) whose X-Forwarded-For the sign-in limit believes. */
  DESK_TRUSTED_PROXIES: z
    .string()
    .default('')
    .superRefine((value, ctx) => {
      try {
        new TrustedProxies(splitList(value));
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  /** Encrypts secrets the desk must keep readable, such as mail channels' IMAP passwords (AES-256-GCM). */
  DESK_SECRET_KEY: z.string().min(16, 'DESK_SECRET_KEY must be at least 16 characters').optional(),
  /** Only for `npm run bench`, to measure what the statement cache is worth. */
  DESK_STATEMENT_CACHE: z.enum(['on', 'off']).default('on'),
});

export interface DeskConfig {
  port: number;
  host: string;
  dbFile: string;
  /** PostgreSQL's URL when the desk runs on it; attachments then sit beside `dbFile` still. */
  databaseUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Where people reach the desk; links in e-mails point here. */
  publicUrl: string;
  deskName: string;
  /** Session cookies get `Secure` when the desk is reached over https. */
  secureCookies: boolean;
  admin: { email: string | undefined; password: string | undefined };
  cacheStatements: boolean;
  webhooks: { secret: string | undefined; allowHosts: string[]; timeoutMs: number };
  logLevel: LogLevel;
  /** A separate listener for /metrics only, or null: then /metrics is on the main port, for admins. */
  metricsBind: { host: string; port: number } | null;
  /** Whose `X-Forwarded-For` names the client (`DESK_TRUSTED_PROXIES`); empty: nobody's. */
  trustedProxies: TrustedProxies;
  /** Passwords and "Sign in with …" (OIDC_*, DESK_PASSWORD_SIGN_IN): server/sign-in/sign-in.config.ts. */
  signIn: SignInConfig;
  /** DESK_SECRET_KEY: without it no mail channel password can be stored. */
  secretKey: string | undefined;
}

/** Parses the environment; throws one readable message listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): DeskConfig {
  const parsed = environment.safeParse(env);
  const signIn = loadSignInConfig(env);
  if (!parsed.success || signIn.problems.length) {
    const lines = [
      ...(parsed.success ? [] : parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)),
      ...signIn.problems.map((p) => `  ${p.path}: ${p.message}`),
    ];
    throw new Error(`The desk's configuration is not valid:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const publicUrl = (e.DESK_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    dbFile: e.DESK_DB,
    databaseUrl: e.DATABASE_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicUrl,
    deskName: e.DESK_NAME,
    secureCookies: publicUrl.startsWith('https://'),
    admin: { email: e.DESK_ADMIN_EMAIL, password: e.DESK_ADMIN_PASSWORD },
    cacheStatements: e.DESK_STATEMENT_CACHE === 'on',
    trustedProxies: new TrustedProxies(splitList(e.DESK_TRUSTED_PROXIES)),
    webhooks: {
      secret: e.WEBHOOK_SECRET,
      allowHosts: e.WEBHOOK_ALLOW_HOSTS.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean),
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
    },
    logLevel: e.LOG_LEVEL,
    signIn: signIn.config,
    secretKey: e.DESK_SECRET_KEY,
    metricsBind: e.METRICS_BIND
      ? { host: e.METRICS_BIND.slice(0, e.METRICS_BIND.lastIndexOf(':')).replace(/^\[(.*)\]$/, '$1'), port: Number(e.METRICS_BIND.slice(e.METRICS_BIND.lastIndexOf(':') + 1)) }
      : null,
  };
}
