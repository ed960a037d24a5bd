/** The ticket page's knowledge API through Hono's typed client, typed by the server's route declarations. */
import { hc, type InferResponseType } from 'hono/client';
import type { agentKnowledgeRoutes } from '../../../../server/agent-knowledge/agent-knowledge.routes.ts';

const base = typeof location === 'undefined' ? 'http://localhost' : location.origin;

export const agentKnowledgeApi = hc<typeof agentKnowledgeRoutes>(base).api.tickets[':id'];

export type TicketSuggestions = InferResponseType<typeof agentKnowledgeApi.suggestions.$get, 200>;
export type SuggestedArticle = TicketSuggestions['articles'][number];

/** What "Resolve with this article" hands the resolution form. */
export interface ResolveWith {
  articleId: number;
  title: string;
  /** The notes to start from: the title and link of a public article; nothing of an internal one. */
  notes: string;
}
