/** What the demo service asks the store: is the desk empty, and which desks hold demo data. */
import type { DeskDb } from '../db/database.ts';

const marker = 'demo-tickets';

export async function hasTickets(db: DeskDb): Promise<boolean> {
  return (await db.selectFrom('tickets').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Records that this desk's tickets were made up for the demo, and how many. */
export async function markDemoData(db: DeskDb, tickets: number): Promise<void> {
  await db.insertInto('counters').values({ name: marker, value: tickets }).onConflict((oc) => oc.column('name').doUpdateSet({ value: tickets })).execute();
}

/** How many demo tickets the desk was filled with; 0 when it holds none. */
export async function demoTicketCount(db: DeskDb): Promise<number> {
  return (await db.selectFrom('counters').select('value').where('name', '=', marker).executeTakeFirst())?.value ?? 0;
}
