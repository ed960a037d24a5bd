/** Links between an identity provider's people (issuer + subject) and desk accounts. */
import type { DeskDb } from '../db/database.ts';

export interface IdentityLink {
  issuer: string;
  subject: string;
  userId: string;
  email: string;
  createdAt: string;
  lastSignInAt: string;
}

export async function findIdentityLink(db: DeskDb, issuer: string, subject: string): Promise<IdentityLink | undefined> {
  const row = await db.selectFrom('identity_links').selectAll().where('issuer', '=', issuer).where('subject', '=', subject).executeTakeFirst();
  return row && { issuer: row.issuer, subject: row.subject, userId: row.user_id, email: row.email, createdAt: row.created_at, lastSignInAt: row.last_sign_in_at };
}

export async function insertIdentityLink(db: DeskDb, link: IdentityLink): Promise<void> {
  await db
    .insertInto('identity_links')
    .values({ issuer: link.issuer, subject: link.subject, user_id: link.userId, email: link.email, created_at: link.createdAt, last_sign_in_at: link.lastSignInAt })
    .execute();
}

export async function touchIdentityLink(db: DeskDb, issuer: string, subject: string, at: string): Promise<void> {
  await db.updateTable('identity_links').set({ last_sign_in_at: at }).where('issuer', '=', issuer).where('subject', '=', subject).execute();
}

/** Whether the account has signed in through a provider at least once. */
export async function hasIdentityLink(db: DeskDb, userId: string): Promise<boolean> {
  return (await db.selectFrom('identity_links').select('user_id').where('user_id', '=', userId).limit(1).executeTakeFirst()) !== undefined;
}

export async function countIdentityLinks(db: DeskDb, issuer: string): Promise<number> {
  const row = await db.selectFrom('identity_links').select((eb) => eb.fn.countAll<number>().as('n')).where('issuer', '=', issuer).executeTakeFirstOrThrow();
  return Number(row.n);
}
