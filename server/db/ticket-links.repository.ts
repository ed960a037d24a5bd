/** Links between tickets: duplicate-of, parent-of, related-to and caused-by, read from one ticket to the other. */
import type { DeskDb } from './database.ts';
import type { TicketLink } from '../engine/tickets/ticket.schema.ts';

export type LinkKind = TicketLink['kind'];

/** The same link seen from the other ticket. */
export const inverseLink: Record<LinkKind, LinkKind> = {
  'duplicate-of': 'related-to',
  'parent-of': 'child-of',
  'child-of': 'parent-of',
  'related-to': 'related-to',
  'caused-by': 'causes',
  causes: 'caused-by',
};


/** Adds a link (once) and reports whether it was new; it is stored once and listed from both sides. */
export async function insertLink(db: DeskDb, link: { ticketId: number; kind: LinkKind; otherId: number; at: string; by: string }): Promise<boolean> {
  const result = await db
    .insertInto('ticket_links')
    .values({ ticket_id: link.ticketId, kind: link.kind, other_id: link.otherId, created_at: link.at, created_by: link.by })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Every link touching the ticket, from its own point of view. */
export async function listLinks(db: DeskDb, ticketId: number): Promise<TicketLink[]> {
  const [out, into] = await Promise.all([
    db.selectFrom('ticket_links').select(['kind', 'other_id', 'created_at']).where('ticket_id', '=', ticketId).execute(),
    db.selectFrom('ticket_links').select(['kind', 'ticket_id', 'created_at']).where('other_id', '=', ticketId).execute(),
  ]);
  return [
    ...out.map((r) => ({ kind: r.kind as LinkKind, ticketId: r.other_id, createdAt: r.created_at })),
    ...into.map((r) => ({ kind: inverseLink[r.kind as LinkKind], ticketId: r.ticket_id, createdAt: r.created_at })),
  ].sort((a, b) => a.ticketId - b.ticketId);
}

/** Removes a link stored from `ticketId` to `otherId`; whether there was one. */
export async function deleteLink(db: DeskDb, link: { ticketId: number; kind: LinkKind; otherId: number }): Promise<boolean> {
  const result = await db
    .deleteFrom('ticket_links')
    .where('ticket_id', '=', link.ticketId)
    .where('kind', '=', link.kind)
    .where('other_id', '=', link.otherId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** The tickets that point at `otherId` with `kind` (e.g. the incidents a problem causes), oldest link first. */
export async function linkedFrom(db: DeskDb, otherId: number, kind: LinkKind): Promise<number[]> {
  const rows = await db.selectFrom('ticket_links').select('ticket_id').where('other_id', '=', otherId).where('kind', '=', kind).orderBy('created_at').orderBy('ticket_id').execute();
  return rows.map((r) => r.ticket_id);
}

/** The tickets `ticketId` points at with `kind` (e.g. an incident's problems). */
export async function linkedTo(db: DeskDb, ticketId: number, kind: LinkKind): Promise<number[]> {
  const rows = await db.selectFrom('ticket_links').select('other_id').where('ticket_id', '=', ticketId).where('kind', '=', kind).orderBy('other_id').execute();
  return rows.map((r) => r.other_id);
}
