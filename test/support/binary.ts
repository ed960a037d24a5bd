/**
 * The one executable under test: built once per test run (the first caller
 * builds, everyone after reuses it), copied into a folder of its own and run
 * from empty folders with a PATH that has no node on it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBinary } from '../../server/build-binary.ts';

let built: Promise<string> | undefined;

/** Builds dist/deskwright (once) and returns a private copy's path. */
export function deskwrightBinary(): Promise<string> {
  built ??= buildBinary().then(({ file }) => {
    const dir = mkdtempSync(join(tmpdir(), 'deskwright-binary-'));
    const copy = join(dir, 'deskwright');
    copyFileSync(file, copy);
    return copy;
  });
  return built;
}

/** An environment with nothing of the machine's: no node on PATH, a home and cache of its own. */
export function bareEnvironment(home: string, extra: Record<string, string> = {}): Record<string, string> {
  const emptyBin = join(home, 'bin');
  mkdirSync(emptyBin, { recursive: true });
  return { PATH: emptyBin, HOME: home, XDG_CACHE_HOME: join(home, 'cache'), ...extra };
}

export function emptyFolder(prefix = 'deskwright-run-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs the binary to completion. */
export function runBinary(binary: string, args: string[], options: { cwd: string; env: Record<string, string> }): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(binary, args, { cwd: options.cwd, env: options.env, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the binary without waiting, for commands that take a moment while the test goes on. */
export function runBinaryAsync(binary: string, args: string[], options: { cwd: string; env: Record<string, string> }): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(binary, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

export interface ServingBinary {
  url: string;
  output: () => string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** `deskwright serve` on a random loopback port; resolves once it has printed where it runs and how mail goes. */
export function serveBinary(binary: string, options: { cwd: string; env: Record<string, string> }): Promise<ServingBinary> {
  const child = spawn(binary, ['serve'], { cwd: options.cwd, env: { PORT: '0', HOST: '127.0.0.1', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /running at (http:\/\/\S+)/.exec(output);
      if (url && /e-mail: .*\n/.test(output)) {
        resolve({
          url: url[1]!.replace('localhost', '127.0.0.1'),
          output: () => output,
          child,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('exit', (code, signal) => reject(new Error(`deskwright serve exited (${code ?? signal}):\n${output}`)));
  });
}
