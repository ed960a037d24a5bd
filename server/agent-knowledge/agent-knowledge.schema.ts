/**
 * The agent's side of knowledge as the API speaks of it: what the ticket
 * page suggests, and the article an agent saves from a resolution.
 */
import { z } from 'zod';
import { articleAudience, articleLocale, articleStatus, category, markdownBody } from '../knowledge/knowledge.schema.ts';
import { stateClasses } from '../engine/workflow/lifecycle.schema.ts';

/** How an article was used on a ticket. */
export const articleUses = ['resolved-with', 'drafted'] as const;
export type ArticleUse = (typeof articleUses)[number];

export const suggestedArticle = z.object({
  id: z.number().int(),
  title: z.string(),
  excerpt: z.string().describe('Plain text from the body, near the words the ticket shares with it'),
  category: z.string(),
  audience: articleAudience,
  locale: z.string().describe("The language served: the ticket's, else English, else the first there is"),
  uses: z.number().int().describe('Tickets resolved with this article so far'),
});
export type SuggestedArticle = z.infer<typeof suggestedArticle>;

export const similarTicket = z.object({
  id: z.number().int(),
  number: z.string(),
  title: z.string(),
  status: z.string(),
  statusClass: z.enum(stateClasses),
  resolution: z.object({ code: z.string(), notes: z.string(), resolvedAt: z.string() }).nullable(),
});
export type SimilarTicket = z.infer<typeof similarTicket>;

export const ticketSuggestions = z.object({
  articles: z.array(suggestedArticle).describe('Published articles, internal and public, best match first'),
  tickets: z.array(similarTicket).describe('Resolved or closed tickets the caller may see, best match first'),
});
export type TicketSuggestions = z.infer<typeof ticketSuggestions>;

export const draftFromTicket = z
  .object({
    title: z.string().trim().min(1).max(200),
    body: markdownBody.refine((s) => s.trim().length > 0, 'is required'),
    locale: articleLocale.optional().describe("The article's language; defaults to the agent's own"),
    category: category.default('general'),
    audience: articleAudience.default('internal').describe('internal by default: an admin reviews the draft before anyone reads it'),
  })
  .strict();
export type DraftFromTicket = z.infer<typeof draftFromTicket>;

export const draftedArticle = z.object({
  id: z.number().int(),
  title: z.string(),
  status: articleStatus,
  audience: articleAudience,
  locale: z.string(),
});
export type DraftedArticle = z.infer<typeof draftedArticle>;
