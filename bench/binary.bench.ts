/**
 * The one executable against the plain build: its size, and how long each
 * takes from being started on an empty database to answering /healthz.
 * Both run `serve` the same way in fresh folders, in the same run; the
 * executable's first start, which unpacks its files into the cache, is
 * measured on its own.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBinary } from '../server/build-binary.ts';
import { root } from './process.ts';

export interface BinaryBench {
  binaryMb: number;
  bundleMb: number;
  nodeMb: number;
  coldMs: number;
  binary: { p50: number; max: number };
  node: { p50: number; max: number };
  samples: number;
}

/** Milliseconds from spawn until GET /healthz answers 200. */
async function timeToHealthz(command: string, args: string[], env: Record<string, string>): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'deskwright-bench-start-'));
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', HOST: '127.0.0.1', DESK_DB: join(dir, 'desk.sqlite'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        output += c.toString();
        const found = /running at (http:\/\/\S+)/.exec(output);
        if (found) resolve(found[1]!.replace('localhost', '127.0.0.1'));
      });
      child.once('exit', (code) => reject(new Error(`${command} exited with ${code}: ${output}`)));
    });
    for (;;) {
      const res = await fetch(`${url}/healthz`).catch(() => null);
      if (res?.status === 200) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    await new Promise<void>((done) => {
      if (child.exitCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
    rmSync(dir, { recursive: true, force: true });
  }
}

const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: sorted[Math.floor(sorted.length / 2)]!, max: sorted.at(-1)! };
};

export async function benchBinary(samples: number): Promise<BinaryBench> {
  if (!existsSync(join(root, 'ui', 'dist', 'index.html'))) spawnSync('npm', ['run', 'build:ui'], { cwd: root, stdio: 'inherit' });
  const { file, bytes } = await buildBinary();
  const bundle = join(root, 'dist', 'deskwright.mjs');
  if (!existsSync(bundle)) spawnSync('npm', ['run', 'build:server'], { cwd: root, stdio: 'inherit' });
  const cache = mkdtempSync(join(tmpdir(), 'deskwright-bench-cache-'));
  try {
    const coldMs = await timeToHealthz(file, ['serve'], { XDG_CACHE_HOME: cache });
    const binary: number[] = [];
    const node: number[] = [];
    for (let i = 0; i < samples; i++) {
      binary.push(await timeToHealthz(file, ['serve'], { XDG_CACHE_HOME: cache }));
      node.push(await timeToHealthz(process.execPath, [bundle, 'serve'], {}));
    }
    return {
      binaryMb: bytes / 1024 / 1024,
      bundleMb: statSync(bundle).size / 1024 / 1024,
      nodeMb: statSync(process.execPath).size / 1024 / 1024,
      coldMs,
      binary: summary(binary),
      node: summary(node),
      samples,
    };
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}
