/** Links between tickets: duplicate-of, parent-of and related-to, read from one ticket to the other. */
import type { DeskDb } from './database.ts';
import type { TicketLink } from '../engine/tickets/ticket.schema.ts';

export type LinkKind = TicketLink['kind'];

/** The same link seen from the other ticket. */
export const inverseLink: Record<LinkKind, LinkKind> = {
  'duplicate-of': 'related-to',
  'parent-of': 'child-of',
  'child-of': 'parent-of',
  'related-to': 'related-to',
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
