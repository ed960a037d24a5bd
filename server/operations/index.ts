/**
 * The admin commands `deskwright` runs besides serving, each loaded only
 * when it is asked for (so `serve` starts no slower); each returns its exit code.
 */
import type { Output } from './args.ts';

export type Operation = (args: string[], env: NodeJS.ProcessEnv, io: Output) => Promise<number>;

const version = async () => (await import('./version.ts')).printVersion;

export const operations: Record<string, () => Promise<Operation>> = {
  '--version': version,
  version,
  backup: async () => (await import('./backup.ts')).backup,
  restore: async () => (await import('./restore.ts')).restore,
  doctor: async () => (await import('./doctor.ts')).doctor,
  'export-config': async () => (await import('./config-files.ts')).exportConfigCommand,
  'import-config': async () => (await import('./config-files.ts')).importConfigCommand,
  'create-admin': async () => (await import('./create-admin.ts')).createAdmin,
};

export { consoleOutput } from './args.ts';
