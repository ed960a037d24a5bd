/**
 * Makes the frozen database of a released version that the upgrade test
 * migrates: `test/fixtures/upgrade/<tag>.sqlite` (+ its attachments folder and
 * `<tag>.expected.json`, what that version's API answered about its tickets).
 *
 *   npx tsx scripts/make-upgrade-fixture.ts [tag]      (default: v0.1.0)
 *
 * It checks the tag out with `git worktree add` into a temporary folder,
 * starts THAT version's `deskwright demo` on an empty file and drives it over
 * its HTTP API only, as people would: submissions, replies, notes, a pending
 * and a resolved ticket, a rating, an attachment, a second published
 * workflow version, a changed queue and a customised template. Then it stops
 * the desk (SIGINT), and copies the database with `VACUUM INTO`, so the
 * fixture is one compact file with no write-ahead log.
 *
 * The tagged version runs on this checkout's node_modules when its
 * package-lock.json is the same; otherwise `npm ci` installs its own.
 * Run it once per release; never regenerate an old fixture.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

const tag = process.argv[2] ?? 'v0.1.0';
const root = new URL('../', import.meta.url).pathname;
const outDir = join(root, 'test/fixtures/upgrade');
const work = mkdtempSync(join(tmpdir(), `deskwright-fixture-${tag}-`));
const source = join(work, 'src');
const dbFile = join(work, 'data', 'desk.sqlite');
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();

function startOld(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'demo'], {
    cwd: source,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', HOST: '127.0.0.1', DESK_DB: dbFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /running at (http:\/\/\S+)/.exec(output);
      if (url && /requester@example\.com/.test(output)) resolve({ url: url[1]!, child });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${tag} exited (${code}):\n${output}`)));
  });
}

async function drive(url: string) {
  const signIn = async (email: string) => {
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'deskwright-demo' }),
    });
    if (res.status !== 200) throw new Error(`sign-in ${email}: ${res.status}`);
    const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    return async (method: string, path: string, body?: unknown) => {
      const form = body instanceof FormData;
      const res = await fetch(url + path, {
        method,
        headers: { cookie, origin: url, ...(body !== undefined && !form ? { 'content-type': 'application/json' } : {}) },
        ...(body === undefined ? {} : { body: form ? body : JSON.stringify(body) }),
      });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return text ? JSON.parse(text) : null;
    };
  };
  const requester = await signIn('requester@example.com');
  const admin = await signIn('admin@example.com');

  const submit = (summary: string, service: string, impact: string, urgency: string) =>
    requester('POST', '/api/workflows/it-incident/submissions', { fields: { summary, service, impact, urgency, details: `${summary}: since this morning.` } });
  const vpn = (await submit('VPN drops every ten minutes', 'vpn', 'team', 'high')).ticket;
  const printer = (await submit('Printer on floor 2 jams', 'other', 'me', 'low')).ticket;
  const laptop = (await submit('Laptop will not charge', 'laptop', 'me', 'medium')).ticket;
  const access = (
    await requester('POST', '/api/workflows/access-request/submissions', {
      fields: { summary: 'Access to the finance system', request_type: 'new-access', system: 'finance-system', access_level: 'read', manager_email: 'manager@example.com', urgency: 'medium' },
    })
  ).ticket;

  await admin('POST', `/api/tickets/${vpn.id}/comments`, { body: 'Which VPN client version do you run?', internal: false });
  await admin('POST', `/api/tickets/${vpn.id}/comments`, { body: 'Concentrator logs show idle timeouts at 600 s', internal: true });
  await requester('POST', `/api/tickets/${vpn.id}/comments`, { body: 'Version 5.2, on Windows' });
  const file = new FormData();
  file.append('file', new Blob([readFileSync(join(root, 'test/fixtures/attachments/notes.txt'))], { type: 'text/plain' }), 'vpn-log.txt');
  await requester('POST', `/api/tickets/${vpn.id}/attachments`, file);
  await admin('POST', `/api/tickets/${printer.id}/transitions`, { to: 'pending', comment: 'Which tray?' });
  await admin('POST', `/api/tickets/${laptop.id}/transitions`, { to: 'resolved', resolution: { code: 'solved', notes: 'New charger sent.' } });
  await requester('POST', `/api/tickets/${laptop.id}/confirm`, { rating: 5, comment: 'Thanks' });

  const incident = (await admin('GET', '/api/admin/workflows/it-incident')).draft;
  incident.name.en = 'Something is broken (v2)';
  await admin('PUT', '/api/admin/workflows/it-incident/draft', incident);
  await admin('POST', '/api/admin/workflows/it-incident/publish', {});
  await admin('PUT', '/api/admin/templates/en/ack-requester', {
    subject: 'We have your ticket {{ticket.number}}',
    body: 'Hello {{requester.name}},\n\nThank you: {{ticket.title}} is with us.\n',
  });
  await submit('Monitor flickers after the upgrade', 'laptop', 'me', 'low');

  const tickets = (await admin('GET', '/api/tickets?limit=100')).items as { id: number }[];
  const detail = [];
  for (const t of tickets) detail.push(await admin('GET', `/api/tickets/${t.id}`));
  return { access: access.number, tickets: detail };
}

async function main() {
  git('rev-parse', '--verify', `${tag}^{commit}`);
  git('worktree', 'add', '--detach', source, tag);
  let old: ChildProcess | undefined;
  try {
    const lockHere = readFileSync(join(root, 'package-lock.json'), 'utf8');
    const lockThere = readFileSync(join(source, 'package-lock.json'), 'utf8');
    if (lockHere === lockThere) symlinkSync(join(root, 'node_modules'), join(source, 'node_modules'), 'dir');
    else execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: source, stdio: 'inherit' });
    mkdirSync(join(work, 'data'));
    const started = await startOld();
    old = started.child;
    const answers = await drive(started.url);
    const exited = new Promise((resolve) => old!.once('exit', resolve));
    old.kill('SIGINT');
    await exited;
    old = undefined;

    mkdirSync(outDir, { recursive: true });
    const target = join(outDir, `${tag}.sqlite`);
    rmSync(target, { force: true });
    const db = new BetterSqlite3(dbFile);
    db.prepare('VACUUM INTO ?').run(target);
    db.close();
    const attachments = `${target}.attachments`;
    rmSync(attachments, { recursive: true, force: true });
    if (existsSync(`${dbFile}.attachments`)) cpSync(`${dbFile}.attachments`, attachments, { recursive: true });
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: source, encoding: 'utf8' }).trim();
    writeFileSync(join(outDir, `${tag}.expected.json`), JSON.stringify({ tag, commit, ...answers }, null, 2) + '\n');
    console.log(`wrote ${target} (${answers.tickets.length} tickets) from ${tag} (${commit.slice(0, 7)})`);
  } finally {
    old?.kill('SIGKILL');
    git('worktree', 'remove', '--force', source);
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
