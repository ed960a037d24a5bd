/** Sign-in sessions and API tokens, stored only as hashes of their secrets. */
import type { DeskDb } from './database.ts';

export async function insertSession(db: DeskDb, s: { idHash: string; userId: string; createdAt: string; expiresAt: string }): Promise<void> {
  await db.insertInto('sessions').values({ id_hash: s.idHash, user_id: s.userId, created_at: s.createdAt, expires_at: s.expiresAt }).execute();
}

/** The user id of a live session, or undefined when it is unknown, expired or its account is deactivated. */
export async function findSessionUser(db: DeskDb, idHash: string, now: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select('sessions.user_id')
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.expires_at', '>', now)
    .where('users.deactivated_at', 'is', null)
    .executeTakeFirst();
  return row?.user_id;
}

/** Ends every session of an account, except (when given) the one with this hash: the caller's own. */
export async function deleteSessionsOf(db: DeskDb, userId: string, keepIdHash?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepIdHash) query = query.where('id_hash', '!=', keepIdHash);
  await query.execute();
}

export async function deleteSession(db: DeskDb, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function insertApiToken(db: DeskDb, t: { id: string; tokenHash: string; userId: string; name: string; createdAt: string }): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({ id: t.id, token_hash: t.tokenHash, user_id: t.userId, name: t.name, created_at: t.createdAt })
    .execute();
}

/** The user id of an API token, or undefined when it is unknown or its account is deactivated (it works again on reactivation). */
export async function findTokenUser(db: DeskDb, tokenHash: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select('api_tokens.user_id')
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('users.deactivated_at', 'is', null)
    .executeTakeFirst();
  return row?.user_id;
}
