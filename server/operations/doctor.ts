/**
 * `deskwright doctor`: checks what a desk needs and says what is wrong in
 * words an admin can act on — the configuration, the database's integrity
 * and migrations, the mail server, free disk space, the clock — and lists
 * what the environment sets, secrets masked. Exits 1 when a check fails.
 */
import { statfsSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import { loadConfig } from '../config.ts';
import { openSqlite } from '../db/database.ts';
import type { Output } from './args.ts';
import { knownMigrations } from './migrations.ts';
import { appliedMigrations, integrityProblems } from './sqlite-checks.ts';

export type CheckStatus = 'ok' | 'warn' | 'fail';
export interface Check {
  name: string;
  status: CheckStatus;
  detail: string;
}

const MiB = 1024 * 1024;
/** Below this the desk stops: writes fail. Below `lowDisk` it is time to act. */
const tooLittleDisk = 100 * MiB;
const lowDisk = 1024 * MiB;
/** How far ahead of the clock the newest stored time may be before the clock is called wrong. */
const clockSlackMs = 5 * 60 * 1000;
const smtpTimeoutMs = 5000;

const secretName = /PASSWORD|SECRET|TOKEN|KEY|CREDENTIAL/i;
const ourVariable = /^(DESK_|SMTP_|MAIL_|WEBHOOK_|IMAP_|LOG_|METRICS_)|^(PORT|HOST|XDG_CACHE_HOME)$/;

/** A value safe to print: secrets hidden, and the password in a URL. */
export function maskValue(name: string, value: string): string {
  if (secretName.test(name)) return value ? '•••••••• (set)' : '(empty)';
  try {
    const url = new URL(value);
    if (url.password) {
      url.password = '***';
      return url.toString().replace(/\/$/, '');
    }
  } catch {
    // not a URL
  }
  return value;
}

export function environmentLines(env: NodeJS.ProcessEnv): string[] {
  return Object.keys(env)
    .filter((k) => ourVariable.test(k))
    .sort()
    .map((k) => `${k}=${maskValue(k, env[k] ?? '')}`);
}

function databaseChecks(dbFile: string, known: string[], now: Date): Check[] {
  if (!existsSync(dbFile)) return [{ name: 'database', status: 'warn', detail: `no database at ${dbFile} yet; \`deskwright serve\` creates it` }];
  let sqlite;
  try {
    sqlite = openSqlite(dbFile, { fileMustExist: true });
  } catch (error) {
    return [{ name: 'database', status: 'fail', detail: `${dbFile} cannot be opened: ${(error as Error).message}` }];
  }
  const checks: Check[] = [];
  try {
    const problems = integrityProblems(sqlite);
    checks.push(
      problems.length
        ? { name: 'database', status: 'fail', detail: `${dbFile} fails SQLite's integrity check: ${problems.slice(0, 5).join('; ')}. Restore the latest backup (\`deskwright restore FILE\`).` }
        : { name: 'database', status: 'ok', detail: `${dbFile} passes SQLite's integrity check` },
    );
    const applied = appliedMigrations(sqlite);
    const pending = known.filter((m) => !applied.includes(m));
    const unknown = applied.filter((m) => !known.includes(m));
    if (unknown.length) checks.push({ name: 'migrations', status: 'fail', detail: `the database was made by a newer deskwright (it has run ${unknown.join(', ')}); run that version` });
    else if (applied.length === 0) checks.push({ name: 'migrations', status: 'fail', detail: `${dbFile} is not a deskwright database (it has run no migrations)` });
    else if (pending.length) checks.push({ name: 'migrations', status: 'fail', detail: `${pending.length} pending: ${pending.join(', ')}; run \`deskwright migrate\` (serve runs them at start)` });
    else checks.push({ name: 'migrations', status: 'ok', detail: `up to date (${applied.at(-1)})` });
    if (applied.length) {
      const newest = sqlite.prepare('SELECT max(created_at) FROM ticket_events').pluck().get() as string | null;
      if (newest && Date.parse(newest) - now.getTime() > clockSlackMs) {
        checks.push({ name: 'clock', status: 'fail', detail: `the clock says ${now.toISOString()}, but the desk stored an event at ${newest}: the clock went back; check time synchronisation (NTP)` });
      }
    }
  } catch (error) {
    checks.push({ name: 'database', status: 'fail', detail: `${dbFile} cannot be read: ${(error as Error).message}. Restore the latest backup (\`deskwright restore FILE\`).` });
  } finally {
    sqlite.close();
  }
  return checks;
}

function diskCheck(dbFile: string): Check {
  let dir = dirname(resolve(dbFile));
  while (!existsSync(dir)) dir = dirname(dir);
  const fs = statfsSync(dir);
  const free = fs.bavail * fs.bsize;
  const detail = `${(free / MiB).toFixed(0)} MB free in ${dir}`;
  if (free < tooLittleDisk) return { name: 'disk', status: 'fail', detail: `${detail}; the desk needs at least ${tooLittleDisk / MiB} MB to write safely` };
  if (free < lowDisk) return { name: 'disk', status: 'warn', detail: `${detail}; free some space soon` };
  return { name: 'disk', status: 'ok', detail };
}

function clockCheck(now: Date): Check {
  // A desk built in 2026 cannot be running before it: a clock this early was never set.
  if (now.getUTCFullYear() < 2026) return { name: 'clock', status: 'fail', detail: `the clock says ${now.toISOString()}; set the time (NTP)` };
  return { name: 'clock', status: 'ok', detail: `${now.toISOString()} (UTC)` };
}

async function smtpCheck(smtpUrl: string | undefined): Promise<Check> {
  if (!smtpUrl) return { name: 'mail', status: 'warn', detail: 'SMTP_URL is not set: notifications wait in the outbox' };
  let host: string;
  try {
    host = new URL(smtpUrl).host;
  } catch {
    return { name: 'mail', status: 'fail', detail: 'SMTP_URL is not a URL (smtp://user:password@host:587)' };
  }
  const transport = nodemailer.createTransport(smtpUrl, { connectionTimeout: smtpTimeoutMs, greetingTimeout: smtpTimeoutMs, socketTimeout: smtpTimeoutMs } as object);
  try {
    await transport.verify();
    return { name: 'mail', status: 'ok', detail: `the SMTP server at ${host} answers and accepts the desk's login` };
  } catch (error) {
    return { name: 'mail', status: 'fail', detail: `the SMTP server at ${host} cannot be reached: ${(error as Error).message}` };
  } finally {
    transport.close();
  }
}

/** Every check, in the order printed. */
export async function runChecks(env: NodeJS.ProcessEnv, now = new Date()): Promise<Check[]> {
  const checks: Check[] = [];
  let config;
  try {
    config = loadConfig(env);
    checks.push({ name: 'configuration', status: 'ok', detail: 'every variable is valid' });
  } catch (error) {
    checks.push({ name: 'configuration', status: 'fail', detail: (error as Error).message.replace(/\n\s*/g, ' ') });
  }
  const dbFile = config?.dbFile ?? env.DESK_DB ?? 'data/deskwright.sqlite';
  checks.push(...databaseChecks(dbFile, await knownMigrations(), now));
  checks.push(diskCheck(dbFile));
  if (!checks.some((c) => c.name === 'clock')) checks.push(clockCheck(now));
  checks.push(await smtpCheck(config?.smtpUrl ?? env.SMTP_URL));
  return checks;
}

export async function doctor(_args: string[], env: NodeJS.ProcessEnv, io: Output): Promise<number> {
  const checks = await runChecks(env);
  const label: Record<CheckStatus, string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' };
  for (const c of checks) io.out(`${label[c.status]}  ${c.name.padEnd(13)} ${c.detail}`);
  const environment = environmentLines(env);
  io.out('');
  io.out(environment.length ? 'The environment sets:' : 'The environment sets none of the desk\'s variables: every default applies.');
  for (const line of environment) io.out(`  ${line}`);
  const failed = checks.filter((c) => c.status === 'fail');
  io.out('');
  io.out(failed.length ? `${failed.length} problem${failed.length === 1 ? '' : 's'} found.` : 'No problems found.');
  return failed.length ? 1 : 0;
}
