/**
 * A throwaway PostgreSQL cluster for the tests: `initdb` into a temporary
 * folder, `pg_ctl start` on a free loopback port, one migrated template
 * database, and a fresh database per test desk copied from it
 * (`CREATE DATABASE … TEMPLATE`). Started once per vitest run as a global
 * setup, only when `DESK_TEST_DB=postgres`; the workers find it through
 * `DESK_TEST_PG_URL`.
 *
 * PostgreSQL refuses to run as root: when the tests run as root (CI
 * containers), the cluster belongs to `nobody` in a folder `nobody` owns.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const usePostgres = () => process.env.DESK_TEST_DB === 'postgres';

/** Debian keeps the server's programs out of PATH, under /usr/lib/postgresql/<version>/bin. */
function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (newest) return join(root, newest, 'bin');
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('DESK_TEST_DB=postgres needs PostgreSQL 15+ (Debian: apt-get install postgresql)');
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const nobody = 65534;

function runAsOwner(bin: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const [file, argv] = asRoot ? ['runuser', ['-u', 'nobody', '--', bin, ...args]] : [bin, args];
  execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: tmpdir() });
}

export interface Cluster {
  /** The `postgres` database as the superuser: for CREATE DATABASE. */
  adminUrl: string;
  urlOf(database: string): string;
  stop(): Promise<void>;
}

export async function startCluster(): Promise<Cluster> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'deskwright-pg-'));
  if (process.getuid?.() === 0) chownSync(dir, nobody, nobody);
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  runAsOwner(join(bin, 'initdb'), ['-D', data, '-U', 'desk', '--auth=trust', '--no-locale', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  // fsync off: a test cluster that dies is thrown away anyway.
  const options = `-p ${port} -h 127.0.0.1 -k ${dir} -F -c max_connections=300 -c full_page_writes=off -c synchronous_commit=off`;
  runAsOwner(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
  const urlOf = (database: string) => `postgres://desk@127.0.0.1:${port}/${database}`;
  return {
    adminUrl: urlOf('postgres'),
    urlOf,
    async stop() {
      try {
        runAsOwner(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

const templateName = 'desk_template';

/** Vitest global setup: the cluster and the migrated template, when DESK_TEST_DB=postgres. */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (!usePostgres()) return undefined;
  const cluster = await startCluster();
  try {
    const admin = new pg.Client({ connectionString: cluster.adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${templateName}`);
    await admin.end();
    // Imported here so a SQLite run does not load the server's code in the main process.
    const { openPostgres } = await import('../../server/db/database.ts');
    const { migrateToLatest } = await import('../../server/db/migrations/index.ts');
    const template = openPostgres(cluster.urlOf(templateName), { max: 1 });
    try {
      await migrateToLatest(template.db);
    } finally {
      await template.close();
    }
  } catch (error) {
    // No teardown runs after a failed setup: stop the cluster here rather than leave it running.
    await cluster.stop();
    throw error;
  }
  process.env.DESK_TEST_PG_URL = cluster.adminUrl;
  return () => cluster.stop();
}

let created = 0;

/** A new database for one test desk, already migrated (a copy of the template); its URL. */
export async function createTestDatabase(): Promise<string> {
  const adminUrl = process.env.DESK_TEST_PG_URL;
  if (!adminUrl) throw new Error('DESK_TEST_DB=postgres but no cluster: run the tests through vitest (test/support/postgres.ts is its global setup)');
  const name = `desk_${process.pid}_${++created}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateName}`);
        break;
      } catch (error) {
        // Two workers copying the template at the same instant: the second waits its turn.
        if (!/being accessed by other users/.test((error as Error).message) || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  } finally {
    await admin.end();
  }
  return adminUrl.replace(/\/postgres$/, `/${name}`);
}

/** Drops a test desk's database once its desk has closed its pool. */
export async function dropTestDatabase(url: string): Promise<void> {
  const adminUrl = process.env.DESK_TEST_PG_URL;
  if (!adminUrl) return;
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
