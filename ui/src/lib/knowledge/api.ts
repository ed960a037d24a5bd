/** The knowledge API through Hono's typed client, typed by the server's route declarations. */
import { hc, type InferResponseType } from 'hono/client';
import type { knowledgeRoutes } from '../../../../server/knowledge/knowledge.routes.ts';

const base = typeof location === 'undefined' ? 'http://localhost' : location.origin;

const client = hc<typeof knowledgeRoutes>(base).api;
export const knowledgeApi = client.knowledge;
export const adminKnowledgeApi = client.admin.knowledge;

export type ArticleSummary = InferResponseType<typeof knowledgeApi.articles.$get, 200>['items'][number];
export type ArticleView = InferResponseType<(typeof knowledgeApi.articles)[':id']['$get'], 200>['article'];
export type AdminArticle = InferResponseType<(typeof adminKnowledgeApi.articles)[':id']['$get'], 200>['article'];
export type AdminArticleSummary = InferResponseType<typeof adminKnowledgeApi.articles.$get, 200>['items'][number];
export type ArticleVersion = InferResponseType<(typeof adminKnowledgeApi.articles)[':id']['versions']['$get'], 200>['items'][number];
