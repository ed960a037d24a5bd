/**
 * An admin changes an account: its name, roles, groups, language and time
 * zone, and whether it is active. Deactivating ends its sessions at once (its
 * API tokens are refused while it stays deactivated); the account remains
 * the requester or assignee of its tickets. The desk always keeps an active
 * admin, and nobody deactivates themselves.
 */
import { deleteSessionsOf } from '../db/sessions.repository.ts';
import { inTransaction } from '../db/transaction.ts';
import { activeAdminIds, findUserById, setUserGroups, updateUser } from '../db/users.repository.ts';
import { DeskError } from '../errors.ts';
import { canonicalTimeZone, type AccountChange, type User } from '../engine/people/people.schema.ts';
import { assertGroupsExist } from './auth.service.ts';
import type { DeskContext } from './desk-context.ts';

export function changeAccount(desk: DeskContext, actorId: string, userId: string, change: AccountChange): Promise<User> {
  return inTransaction(desk.db, async (trx) => {
    const before = await findUserById(trx, userId);
    if (!before) throw new DeskError(404, 'not-found', 'No account has this id');
    if (change.active === false && userId === actorId) {
      throw new DeskError(422, 'validation', 'You cannot deactivate your own account', [{ path: 'active', message: 'you cannot deactivate yourself; ask another admin' }]);
    }
    if (change.groups) await assertGroupsExist(trx, change.groups);
    const deactivatedAt = change.active === undefined ? undefined : change.active ? null : (before.deactivatedAt ?? desk.now().toISOString());
    await updateUser(trx, userId, { name: change.name, roles: change.roles, locale: change.locale, timeZone: change.timeZone && canonicalTimeZone(change.timeZone), deactivatedAt });
    if (change.groups) await setUserGroups(trx, userId, change.groups);
    if (!(await activeAdminIds(trx)).length) {
      const path = change.roles && !change.roles.includes('admin') ? 'roles' : 'active';
      throw new DeskError(409, 'conflict', 'The desk needs at least one active admin', [{ path, message: 'this is the last active admin; make someone else an admin first' }]);
    }
    if (deactivatedAt) await deleteSessionsOf(trx, userId);
    return (await findUserById(trx, userId))!;
  });
}
