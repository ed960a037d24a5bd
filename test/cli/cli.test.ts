/**
 * The `deskwright` CLI as an operator runs it: `serve` creates no demo
 * accounts and prints the first admin's generated password once; `demo`
 * prints the demo log-ins.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCli } from '../support/cli-process.ts';

const running: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const p of running.splice(0)) p.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Starts the CLI and resolves with what it printed once it says where and how to sign in. */
async function run(command: string, env: Record<string, string>) {
  const started = startCli(command, env, /Sign in as any of these demo accounts:[\s\S]*requester@example\.com.*\n|The first admin account:\n.*\n/);
  started.then((s) => running.push(s.child), () => undefined);
  return started;
}

async function signIn(url: string, email: string, password: string) {
  return fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
}

// Each test starts the CLI from source (tsx), which takes seconds on a busy 2-core machine.
describe('deskwright serve', { timeout: 60_000 }, () => {
  it('creates only the first admin, with a generated password printed once, and no demo accounts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deskwright-cli-'));
    dirs.push(dir);
    const { output, url } = await run('serve', { DESK_DB: join(dir, 'prod.sqlite'), DESK_ADMIN_EMAIL: 'it@acme.example' });
    const line = /it@acme\.example\s+(\S+)/.exec(output);
    expect(line).not.toBeNull();
    expect(output).toContain('This password is shown only now');
    expect((await signIn(url, 'it@acme.example', line![1]!)).status).toBe(200);
    expect((await signIn(url, 'admin@example.com', 'deskwright-demo')).status).toBe(401);
    expect(output).toContain('published the shipped workflows: access-request, complaint, infrastructure-alert, it-incident, problem, service-request');
  });

  it('uses DESK_ADMIN_PASSWORD when it is set, and does not print it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deskwright-cli-'));
    dirs.push(dir);
    const password = 'a long and secret passphrase';
    const { output, url } = await run('serve', { DESK_DB: join(dir, 'prod.sqlite'), DESK_ADMIN_EMAIL: 'it@acme.example', DESK_ADMIN_PASSWORD: password });
    expect(output).not.toContain(password);
    expect((await signIn(url, 'it@acme.example', password)).status).toBe(200);
  });

  it('refuses a bad configuration with a readable message', async () => {
    await expect(run('serve', { PORT: 'eighty', DESK_DB: join(tmpdir(), 'never.sqlite') })).rejects.toThrow(/PORT: /);
  });
});

describe('deskwright demo', { timeout: 60_000 }, () => {
  it('prints the demo log-ins, and they work', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deskwright-cli-'));
    dirs.push(dir);
    const { output, url } = await run('demo', { DESK_DB: join(dir, 'demo.sqlite') });
    for (const role of ['admin', 'agent', 'specialist', 'manager', 'requester']) expect(output).toContain(`${role}@example.com`);
    expect((await signIn(url, 'agent@example.com', 'deskwright-demo')).status).toBe(200);
    expect(output).toMatch(/filled the desk with \d+ demo tickets \(made-up demo data/);
  });

  it('starts without demo tickets when asked for an empty desk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deskwright-cli-'));
    dirs.push(dir);
    const { output, url } = await run('demo --empty', { DESK_DB: join(dir, 'empty.sqlite') });
    expect(output).not.toContain('demo tickets');
    const login = await signIn(url, 'agent@example.com', 'deskwright-demo');
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const queues = await (await fetch(`${url}/api/queues`, { headers: { cookie } })).json();
    expect(queues.items.find((q: { id: string }) => q.id === 'first-line').open).toBe(0);
  });
});
