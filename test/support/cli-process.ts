/** Runs the real `deskwright` CLI as a child process, as an operator would. */
import { spawn, type ChildProcess } from 'node:child_process';

const root = new URL('../../', import.meta.url).pathname;

/**
 * Starts `deskwright <command>` and resolves once its output matches `ready`
 * and names the URL it runs at; rejects with everything it printed if it exits first.
 */
export function startCli(command: string, env: Record<string, string>, ready: RegExp): Promise<{ output: string; url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...command.split(' ')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /running at (http:\/\/\S+)/.exec(output);
      if (url && ready.test(output)) resolve({ output, url: url[1]!, child });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code, signal) => reject(Object.assign(new Error(`deskwright ${command} exited (${code ?? signal}):\n${output}`), { child })));
  });
}
