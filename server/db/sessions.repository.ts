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

export async function insertApiToken(
  db: DeskDb,
  t: { id: string; tokenHash: string; userId: string; name: string; createdAt: string; expiresAt: string | null },
): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({ id: t.id, token_hash: t.tokenHash, user_id: t.userId, name: t.name, created_at: t.createdAt, expires_at: t.expiresAt })
    .execute();
}

/**
 * The token and its account, or undefined when it is unknown (or revoked),
 * expired at `now`, or its account is deactivated (it works again on
 * reactivation).
 */
export async function findTokenUser(db: DeskDb, tokenHash: string, now: string): Promise<{ tokenId: string; userId: string; lastUsedAt: string | null } | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id', 'api_tokens.user_id', 'api_tokens.last_used_at'])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now)]))
    .where('users.deactivated_at', 'is', null)
    .executeTakeFirst();
  return row && { tokenId: row.id, userId: row.user_id, lastUsedAt: row.last_used_at };
}

/** Records a use, unless one at or after `since` is already recorded (so a busy token writes once a while, not per request). */
export async function touchApiToken(db: DeskDb, tokenId: string, at: string, since: string): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: at })
    .where('id', '=', tokenId)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', since)]))
    .execute();
}

export interface ApiTokenSummary {
  id: string;
  name: string;
  owner: { id: string; name: string; email: string };
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

/** Every token (never its secret), newest first, with the account it acts as. */
export async function listApiTokens(db: DeskDb): Promise<ApiTokenSummary[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id', 'api_tokens.name', 'api_tokens.created_at', 'api_tokens.last_used_at', 'api_tokens.expires_at', 'users.id as owner_id', 'users.name as owner_name', 'users.email as owner_email'])
    .orderBy('api_tokens.created_at', 'desc')
    .orderBy('api_tokens.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    owner: { id: r.owner_id, name: r.owner_name, email: r.owner_email },
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    expiresAt: r.expires_at,
  }));
}

/** Deletes a token, so it is refused from the next request on; false when there was none. */
export async function deleteApiToken(db: DeskDb, id: string): Promise<boolean> {
  const result = await db.deleteFrom('api_tokens').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
