/**
 * `deskwright create-admin --email E [--name N]`: a new admin account, with
 * the password from `--password` or, better (it stays out of the process
 * list), DESK_ADMIN_PASSWORD. The password rules are `serve`'s.
 */
import { z } from 'zod';
import { adminPassword } from '../config.ts';
import { createUser } from '../services/auth.service.ts';
import { DeskError } from '../errors.ts';
import { OperationError, parseArgs, type Output } from './args.ts';
import { openDeskDatabase } from './open-desk.ts';

const input = z.object({
  email: z.email('--email (or DESK_ADMIN_EMAIL) must be an e-mail address'),
  password: adminPassword('the password'),
  name: z.string().trim().min(1).max(200),
});

export async function createAdmin(args: string[], env: NodeJS.ProcessEnv, io: Output): Promise<number> {
  const { flags } = parseArgs(args);
  const flag = (name: string) => (typeof flags[name] === 'string' ? (flags[name] as string) : undefined);
  const email = flag('email') ?? env.DESK_ADMIN_EMAIL;
  const password = flag('password') ?? env.DESK_ADMIN_PASSWORD;
  if (!email || !password) throw new OperationError('usage: DESK_ADMIN_PASSWORD=… deskwright create-admin --email EMAIL [--name NAME]   (or --password)');
  const parsed = input.safeParse({ email, password, name: flag('name') ?? 'Administrator' });
  if (!parsed.success) throw new OperationError(parsed.error.issues.map((i) => i.message).join('\n'));
  // Only the address is the desk's business here; its own variables need not be valid for this.
  const { DESK_ADMIN_PASSWORD: _p, DESK_ADMIN_EMAIL: _e, ...rest } = env;
  const desk = await openDeskDatabase(rest);
  try {
    await createUser(desk.context, { email: parsed.data.email, name: parsed.data.name, password: parsed.data.password, roles: ['admin'], groups: [] });
  } catch (error) {
    if (error instanceof DeskError && error.code === 'conflict') throw new OperationError(`There is already an account for ${parsed.data.email}`);
    throw error;
  } finally {
    await desk.close();
  }
  io.out(`Created the admin ${parsed.data.email}; they can sign in now.`);
  return 0;
}
