/** Starting the servers under test as child processes, and reading their memory. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const root = new URL('../', import.meta.url).pathname;

export interface Started {
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** Runs a TypeScript file with tsx and waits until its output matches `ready`. */
export function startTs(file: string, args: string[], env: Record<string, string>, ready: RegExp): Promise<Started & { match: RegExpExecArray }> {
  return startNode(['--import', 'tsx', file, ...args], env, ready);
}

/** Runs node with these arguments and waits until its output matches `ready`. */
export function startNode(nodeArgs: string[], env: Record<string, string>, ready: RegExp): Promise<Started & { match: RegExpExecArray }> {
  const child = spawn(process.execPath, nodeArgs, {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) {
        child.stdout!.off('data', onData);
        resolve({
          child,
          match,
          output: () => output,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
              setTimeout(() => child.kill('SIGKILL'), 5000).unref();
            }),
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => reject(new Error(`node ${nodeArgs.join(' ')} exited with ${code}:\n${output}`)));
  });
}

/** Resident memory of a process in MB, from /proc. */
export function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}
