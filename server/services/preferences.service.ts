/** What people change about themselves: the language and time zone the desk uses with them. */
import { inTransaction } from '../db/transaction.ts';
import { findUserById, setUserPreferences } from '../db/users.repository.ts';
import { notFound } from '../errors.ts';
import { canonicalTimeZone, type PreferencesChange, type User } from '../engine/people/people.schema.ts';
import type { DeskContext } from './desk-context.ts';

/** Saves the caller's own choices (the route has checked them) and returns them as they now are. */
export async function updateMyPreferences(desk: DeskContext, me: User, change: PreferencesChange): Promise<User> {
  return inTransaction(desk.db, async (trx) => {
    await setUserPreferences(trx, me.id, {
      ...(change.locale !== undefined ? { locale: change.locale } : {}),
      // Stored in the runtime's spelling, so "europe/london" reads back as "Europe/London".
      ...(change.timeZone !== undefined ? { timeZone: change.timeZone === null ? null : (canonicalTimeZone(change.timeZone) ?? change.timeZone) } : {}),
    });
    const user = await findUserById(trx, me.id);
    if (!user) throw notFound('Your account');
    return user;
  });
}
