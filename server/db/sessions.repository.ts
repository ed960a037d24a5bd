/** Sign-in sessions and API tokens, stored only as hashes of their secrets. */
import type { DeskDb } from './database.ts';

export async function insertSession(db: DeskDb, s: { idHash: string; userId: string; createdAt: string; expiresAt: string }): Promise<void> {
  await db.insertInto('sessions').values({ id_hash: s.idHash, user_id: s.userId, created_at: s.createdAt, expires_at: s.expiresAt }).execute();
}

/** The user id of a live session, or undefined when it is unknown or expired. */
export async function findSessionUser(db: DeskDb, idHash: string, now: string): Promise<string | undefined> {
  const row = await db.selectFrom('sessions').select('user_id').where('id_hash', '=', idHash).where('expires_at', '>', now).executeTakeFirst();
  return row?.user_id;
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

export async function findTokenUser(db: DeskDb, tokenHash: string): Promise<string | undefined> {
  const row = await db.selectFrom('api_tokens').select('user_id').where('token_hash', '=', tokenHash).executeTakeFirst();
  return row?.user_id;
}
