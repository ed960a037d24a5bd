/** The first accounts of a desk: demo people for trying it out, or the first admin of a real one. */
import { countUsers, findUserForLogin, findUserIdByEmail, setPasswordHash } from '../db/users.repository.ts';
import type { Role } from '../engine/people/people.schema.ts';
import { createUser } from './auth.service.ts';
import type { DeskContext } from './desk-context.ts';
import { generatePassword, hashPassword, verifyPassword } from './passwords.ts';

export const demoPassword = 'deskwright-demo';

export const demoAccounts: { email: string; name: string; roles: Role[]; groups: string[] }[] = [
  { email: 'admin@example.com', name: 'Ada Admin', roles: ['admin'], groups: [] },
  { email: 'agent@example.com', name: 'Sam Agent', roles: ['agent'], groups: ['service-desk'] },
  { email: 'specialist@example.com', name: 'Nia Specialist', roles: ['specialist'], groups: ['network-team', 'devices-team', 'identity-team'] },
  { email: 'manager@example.com', name: 'Mo Manager', roles: ['manager'], groups: ['service-desk', 'desk-managers'] },
  { email: 'requester@example.com', name: 'Alex Requester', roles: ['requester'], groups: [] },
];

let demoHash: Promise<string> | undefined;
/**
 * One hash of the demo password for every demo account, made once per
 * process at the full cost: the password is published, so one shared salt
 * gives nothing away, and a desk (or a test) starts without five 128 MiB
 * hashes.
 */
const demoPasswordHash = () => (demoHash ??= hashPassword(demoPassword));

/** Creates the demo accounts that do not exist yet; safe to run on every start. */
export async function ensureDemoAccounts(desk: DeskContext): Promise<typeof demoAccounts> {
  for (const account of demoAccounts) {
    if (!(await findUserIdByEmail(desk.db, account.email))) await createUser(desk, { ...account, passwordHash: await demoPasswordHash() });
  }
  return demoAccounts;
}

/**
 * A desk that ran as a demo and now serves for real: the demo accounts'
 * published password stops working (they keep their history and can be given
 * tokens or new passwords). Returns the accounts it locked.
 */
export async function lockDemoPasswords(desk: DeskContext): Promise<string[]> {
  const locked: string[] = [];
  // The demo accounts share one hash: check each distinct hash once.
  const verdicts = new Map<string, Promise<boolean>>();
  const isDemoPassword = (hash: string) => verdicts.get(hash) ?? verdicts.set(hash, verifyPassword(demoPassword, hash)).get(hash)!;
  for (const account of demoAccounts) {
    const found = await findUserForLogin(desk.db, account.email);
    if (found?.passwordHash && (await isDemoPassword(found.passwordHash))) {
      await setPasswordHash(desk.db, found.user.id, null);
      locked.push(account.email);
    }
  }
  return locked;
}

/**
 * On a desk with no accounts, creates the first admin from the configured
 * e-mail and password, or with a generated password that is returned once.
 */
export async function ensureFirstAdmin(desk: DeskContext): Promise<{ email: string; generatedPassword: string | null } | null> {
  if ((await countUsers(desk.db)) > 0) return null;
  const email = desk.config.admin.email ?? 'admin@localhost.localdomain';
  const generatedPassword = desk.config.admin.password ? null : generatePassword();
  await createUser(desk, { email, name: 'Administrator', password: desk.config.admin.password ?? generatedPassword!, roles: ['admin'], groups: [] });
  return { email, generatedPassword };
}
