/** A person's saved ticket views: checked when saved, so a view that cannot run is never stored. */
import { deleteView, insertView, listViews, type SavedView } from '../db/saved-views.repository.ts';
import { compileTicketFilter } from '../db/ticket-filter.ts';
import { invalid, notFound } from '../errors.ts';
import type { User } from '../engine/people/people.schema.ts';
import type { DeskContext } from './desk-context.ts';

export const myViews = (desk: DeskContext, user: User) => listViews(desk.db, user.id);

export async function saveView(desk: DeskContext, user: User, input: { name: string; filter: unknown }): Promise<SavedView> {
  const compiled = compileTicketFilter(input.filter, { userId: user.id, now: desk.now() });
  if (!compiled.ok) throw invalid('The filter cannot be used for a view', compiled.problems);
  return insertView(desk.db, { ownerId: user.id, name: input.name, filter: input.filter, at: desk.now().toISOString() });
}

export async function removeView(desk: DeskContext, user: User, id: number): Promise<void> {
  if (!(await deleteView(desk.db, user.id, id))) throw notFound(`The view ${id}`);
}
