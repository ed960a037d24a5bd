/** The admin commands `deskwright` runs besides serving: each returns its exit code. */
import type { Output } from './args.ts';
import { backup } from './backup.ts';
import { exportConfigCommand, importConfigCommand } from './config-files.ts';
import { createAdmin } from './create-admin.ts';
import { doctor } from './doctor.ts';
import { restore } from './restore.ts';
import { printVersion } from './version.ts';

export type Operation = (args: string[], env: NodeJS.ProcessEnv, io: Output) => Promise<number>;

export const operations: Record<string, Operation> = {
  '--version': printVersion,
  version: printVersion,
  backup,
  restore,
  doctor,
  'export-config': exportConfigCommand,
  'import-config': importConfigCommand,
  'create-admin': createAdmin,
};

export { consoleOutput } from './args.ts';
