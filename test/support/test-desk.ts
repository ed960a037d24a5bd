/**
 * A real desk for a test: its own SQLite file in a temporary folder, a real
 * HTTP server on a random loopback port, and a real SMTP server catching mail.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/config.ts';
import { startDesk, type RunningDesk } from '../../server/desk.ts';
import { demoPassword } from '../../server/services/accounts-bootstrap.service.ts';
import { startMailCatcher, type MailCatcher } from './mail-catcher.ts';
import { createTestDatabase, dropTestDatabase, usePostgres } from './postgres.ts';

export interface TestDesk {
  url: string;
  desk: RunningDesk;
  mail: MailCatcher;
  dir: string;
  dbFile: string;
  /** A client signed in as this account (demo accounts share one password). */
  as(email: string, password?: string): Promise<Client>;
  anonymous(): Client;
  close(): Promise<void>;
}

export interface Client {
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  get(path: string): ReturnType<Client['request']>;
  post(path: string, body?: unknown, headers?: Record<string, string>): ReturnType<Client['request']>;
  put(path: string, body?: unknown): ReturnType<Client['request']>;
}

function client(url: string, auth: { cookie?: string; token?: string } = {}): Client {
  const request: Client['request'] = async (method, path, body, headers = {}) => {
    const res = await fetch(url + path, {
      method,
      headers: {
        ...(body !== undefined && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
        // Browsers send their page's origin with every POST; the desk's CSRF check expects it.
        ...(auth.cookie ? { cookie: auth.cookie, origin: url } : {}),
        ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
        ...headers,
      },
      ...(body instanceof FormData ? { body } : body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const type = res.headers.get('content-type') ?? '';
    if (!type.includes('json') && !type.startsWith('text/')) return { status: res.status, body: new Uint8Array(await res.arrayBuffer()), headers: res.headers };
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return {
    request,
    get: (p) => request('GET', p),
    post: (p, b, h) => request('POST', p, b, h),
    put: (p, b) => request('PUT', p, b),
  };
}

export function tokenClient(url: string, token: string): Client {
  return client(url, { token });
}

/** A client signed in to any desk at `url` (one started by the test, or a child process). */
export async function signedIn(url: string, email: string, password: string): Promise<Client> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`could not sign in as ${email}: ${res.status} ${await res.text()}`);
  return client(url, { cookie: res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ') });
}

export async function startTestDesk(options: { mode?: 'demo' | 'serve'; env?: Record<string, string>; smtp?: boolean; now?: () => Date } = {}): Promise<TestDesk> {
  const dir = mkdtempSync(join(tmpdir(), 'deskwright-test-'));
  const mail = await startMailCatcher();
  const dbFile = join(dir, 'desk.sqlite');
  // DESK_TEST_DB=postgres: the same desk on a fresh PostgreSQL database (attachments stay in `dir`).
  const databaseUrl = usePostgres() && !options.env?.DATABASE_URL ? await createTestDatabase() : undefined;
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DESK_DB: dbFile,
    // One JSON line per request would bury the test output; tests that read the log set their own level.
    LOG_LEVEL: 'error',
    ...(options.smtp === false ? {} : { SMTP_URL: mail.url }),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...options.env,
  });
  const desk = await startDesk({ config, mode: options.mode ?? 'demo', ...(options.now ? { now: options.now } : {}) });
  const url = desk.url;
  return {
    url,
    desk,
    mail,
    dir,
    dbFile,
    async as(email, password = demoPassword) {
      const res = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      if (res.status !== 200) throw new Error(`could not sign in as ${email}: ${res.status} ${await res.text()}`);
      const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      return client(url, { cookie });
    },
    anonymous: () => client(url),
    async close() {
      await desk.close();
      await mail.close();
      if (databaseUrl) await dropTestDatabase(databaseUrl);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
