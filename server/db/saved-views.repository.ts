/** Saved ticket views: a name and a json-logic filter, owned by one person. */
import type { DeskDb } from './database.ts';

export interface SavedView {
  id: number;
  name: string;
  filter: unknown;
  createdAt: string;
}

const toView = (r: { id: number; name: string; filter: string; created_at: string }): SavedView => ({
  id: r.id,
  name: r.name,
  filter: JSON.parse(r.filter) as unknown,
  createdAt: r.created_at,
});

export async function listViews(db: DeskDb, ownerId: string): Promise<SavedView[]> {
  const rows = await db.selectFrom('saved_views').selectAll().where('owner_id', '=', ownerId).orderBy('name').execute();
  return rows.map(toView);
}

export async function findView(db: DeskDb, ownerId: string, id: number): Promise<SavedView | undefined> {
  const row = await db.selectFrom('saved_views').selectAll().where('owner_id', '=', ownerId).where('id', '=', id).executeTakeFirst();
  return row && toView(row);
}

export async function insertView(db: DeskDb, view: { ownerId: string; name: string; filter: unknown; at: string }): Promise<SavedView> {
  const row = await db
    .insertInto('saved_views')
    .values({ owner_id: view.ownerId, name: view.name, filter: JSON.stringify(view.filter), created_at: view.at })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toView(row);
}

export async function deleteView(db: DeskDb, ownerId: string, id: number): Promise<boolean> {
  const result = await db.deleteFrom('saved_views').where('owner_id', '=', ownerId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
