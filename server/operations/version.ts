/** `deskwright --version`: the desk's version and the schema version its migrations bring a database to. */
import { deskVersion } from '../assets.ts';
import type { Output } from './args.ts';
import { knownMigrations } from './migrations.ts';

export async function printVersion(_args: string[], _env: NodeJS.ProcessEnv, io: Output): Promise<number> {
  io.out(`deskwright ${deskVersion()} (schema ${(await knownMigrations()).at(-1) ?? 'none'})`);
  return 0;
}
