/**
 * The agent's side of knowledge: what the ticket page suggests for a
 * ticket's text, the article a ticket is resolved with (recorded with the
 * resolution, in its transaction), and a draft article written from a
 * resolution for an admin to review.
 */
import { findTicket } from '../db/tickets.repository.ts';
import { findUserById } from '../db/users.repository.ts';
import { notFound } from '../errors.ts';
import type { User } from '../engine/people/people.schema.ts';
import { followsTicket, seesAllTickets } from '../engine/people/visibility.ts';
import { refuse, type ActionResult } from '../engine/tickets/ticket-case.ts';
import type { DeskDb } from '../db/database.ts';
import { findArticle, searchArticles } from '../knowledge/knowledge.repository.ts';
import { createArticle, isStaff } from '../knowledge/knowledge.service.ts';
import { excerpt } from '../knowledge/markdown.ts';
import type { DeskContext } from '../services/desk-context.ts';
import { deskSnapshot } from '../services/desk-snapshot.ts';
import { act } from '../services/ticket-work.service.ts';
import { insertArticleUse, resolvedWithCounts, similarResolvedTickets } from './agent-knowledge.repository.ts';
import type { DraftFromTicket, DraftedArticle, TicketSuggestions } from './agent-knowledge.schema.ts';
import { ticketMatch, ticketWords } from './ticket-text.ts';

/**
 * Articles (internal and public, published, in the ticket's language with
 * English to fall back on) and resolved tickets for a ticket's title and
 * fields, best first. Staff who follow the ticket only; similar tickets
 * only from queues the caller works (every queue for managers and admins).
 */
export async function ticketSuggestions(desk: DeskContext, user: User, ticketId: number, limit: number): Promise<TicketSuggestions> {
  const [ticket, snapshot] = await Promise.all([findTicket(desk.db, ticketId), deskSnapshot(desk)]);
  const queueGroup = (q: string) => snapshot.directory.queues.get(q)?.group;
  if (!ticket || !isStaff(user) || !followsTicket(user, ticket, queueGroup)) throw notFound(`Ticket ${ticketId}`);
  // Only what people wrote: choices from a list ("other", "medium") would match every ticket that made them.
  const form = snapshot.published.get(ticket.workflowId)?.definition.form.fields;
  const written = form ? Object.fromEntries(Object.entries(ticket.fields).filter(([k]) => form.some((f) => f.key === k && (f.type === 'text' || f.type === 'textarea')))) : ticket.fields;
  const match = ticketMatch(ticket.title, written);
  if (!match) return { articles: [], tickets: [] };
  const requester = await findUserById(desk.db, ticket.requesterId);
  const queues = seesAllTickets(user) ? null : [...snapshot.directory.queues.values()].filter((q) => user.groups.includes(q.group)).map((q) => q.id);
  const [found, tickets] = await Promise.all([
    searchArticles(desk.db, match, requester?.locale ?? 'en', { audiences: ['public', 'internal'], statuses: ['published'] }, limit),
    similarResolvedTickets(desk.db, match, { exceptId: ticket.id, queues, limit }),
  ]);
  const uses = await resolvedWithCounts(desk.db, found.map((f) => f.articleId));
  const words = ticketWords(ticket.title, written);
  return {
    articles: found.map((f) => ({
      id: f.articleId,
      title: f.title,
      excerpt: excerpt(f.body, words),
      category: f.category,
      audience: f.audience,
      locale: f.locale,
      uses: uses.get(f.articleId) ?? 0,
    })),
    tickets,
  };
}

/**
 * Adds "resolved with article N" to a resolution the engine accepted: the
 * article must be published, and the change must resolve the ticket. The
 * use is written in the resolution's own transaction and shows in the
 * ticket's (staff) history.
 */
export async function withArticleUse(trx: DeskDb, user: User, ticketId: number, decided: ActionResult, articleId: number, at: string): Promise<ActionResult> {
  if (!decided.ok) return decided;
  if (decided.patch.statusClass !== 'resolved') {
    return refuse(422, 'An article is recorded only when the ticket is resolved', [{ path: 'resolution.articleId', message: 'is only for a change that resolves the ticket' }]);
  }
  const article = await findArticle(trx, articleId);
  if (!article || article.status !== 'published') {
    return refuse(422, 'There is no such published article', [{ path: 'resolution.articleId', message: `there is no published article ${articleId}` }]);
  }
  await insertArticleUse(trx, { ticketId, articleId, use: 'resolved-with', by: user.id, at });
  const title = (article.translations.en ?? Object.values(article.translations)[0])?.title ?? '';
  return { ...decided, events: [...decided.events, { type: 'article.used', data: { articleId, title, audience: article.audience } }] };
}

/**
 * A draft article (internal unless asked otherwise) from what resolved the
 * ticket, for an admin to review and publish; the ticket's history links to it.
 */
export async function draftArticleFromTicket(desk: DeskContext, user: User, ticketId: number, input: DraftFromTicket): Promise<DraftedArticle> {
  let drafted: DraftedArticle | undefined;
  const locale = input.locale ?? (user.locale as DraftedArticle['locale']);
  await act(desk, user, ticketId, 'staff', {}, async (c, { trx }) => {
    if (c.ticket.statusClass !== 'resolved' && c.ticket.statusClass !== 'closed') {
      return refuse(409, 'Resolve the ticket first: an article is saved from its resolution');
    }
    const article = await createArticle({ ...desk, db: trx }, user, {
      category: input.category,
      audience: input.audience,
      translations: { [locale]: { title: input.title, body: input.body } },
    });
    const at = c.now.toISOString();
    await insertArticleUse(trx, { ticketId, articleId: article.id, use: 'drafted', by: user.id, at });
    drafted = { id: article.id, title: input.title, status: article.status, audience: article.audience, locale };
    return { ok: true, patch: {}, events: [{ type: 'article.drafted', data: { articleId: article.id, title: input.title } }], notifications: [] };
  });
  return drafted!;
}
