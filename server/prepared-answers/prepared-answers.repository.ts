/** Prepared answers in the store: free functions, `db` first. */
import { sql } from 'kysely';
import type { DeskDb } from '../db/database.ts';
import type { PreparedAnswer, PreparedAnswerInput } from './prepared-answers.schema.ts';

const toAnswer = (r: { id: number; name: string; group_id: string | null; texts: string; row_version: number; updated_at: string }): PreparedAnswer => ({
  id: r.id,
  name: r.name,
  group: r.group_id,
  texts: JSON.parse(r.texts) as PreparedAnswer['texts'],
  rowVersion: r.row_version,
  updatedAt: r.updated_at,
});

export async function listAnswers(db: DeskDb): Promise<PreparedAnswer[]> {
  return (await db.selectFrom('prepared_answers').selectAll().orderBy('name').orderBy('id').execute()).map(toAnswer);
}

export async function findAnswer(db: DeskDb, id: number): Promise<PreparedAnswer | undefined> {
  const row = await db.selectFrom('prepared_answers').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toAnswer(row);
}

export async function insertAnswer(db: DeskDb, a: PreparedAnswerInput, by: string, at: string): Promise<PreparedAnswer> {
  const row = await db
    .insertInto('prepared_answers')
    .values({ name: a.name, group_id: a.group, texts: JSON.stringify(a.texts), updated_by: by, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toAnswer(row);
}

/** False when the answer is gone or someone saved it since `expected`. */
export async function updateAnswer(db: DeskDb, id: number, expected: number, a: PreparedAnswerInput, by: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('prepared_answers')
    .set({ name: a.name, group_id: a.group, texts: JSON.stringify(a.texts), updated_by: by, updated_at: at, row_version: sql<number>`row_version + 1` })
    .where('id', '=', id)
    .where('row_version', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteAnswer(db: DeskDb, id: number): Promise<boolean> {
  return Number((await db.deleteFrom('prepared_answers').where('id', '=', id).executeTakeFirst()).numDeletedRows) === 1;
}
