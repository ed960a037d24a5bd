/**
 * Knowledge routes. Readers (`/api/knowledge/*`, anyone signed in): a
 * requester finds and reads published public articles only, staff internal
 * ones too. Authors (`/api/admin/knowledge/*`): admins only, like the rest
 * of the admin API.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { allow, currentUser } from '../http/access.ts';
import { router } from '../http/desk-env.ts';
import { jsonBody, jsonResponse, problems } from '../http/openapi-helpers.ts';
import {
  adminArticle as adminArticleSchema,
  adminArticleSummary,
  articleInput,
  articleLocale,
  articleStatus,
  articleSummary,
  articleUpdate,
  articleVersion,
  articleView,
  category,
  markdownBody,
  maxBodyBytes,
  statusChange,
} from './knowledge.schema.ts';
import {
  adminArticle,
  adminArticles,
  articleVersions,
  createArticle,
  editArticle,
  findArticles,
  readArticle,
  recordDeflection,
  setArticleStatus,
  suggestArticles,
} from './knowledge.service.ts';
import { renderMarkdown } from './markdown.ts';

const tags = ['Knowledge'];
const id = z.object({ id: z.coerce.number().int().positive() });
const localeQuery = articleLocale.optional().describe("The reader's language; defaults to their own");
const limit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);

export const knowledgeRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/api/knowledge/articles', tags,
      summary: 'Published articles the caller may read: matching `q` best first, or newest first',
      middleware: [allow('signed-in')] as const,
      request: { query: z.object({ q: z.string().max(500).optional(), locale: localeQuery, category: category.optional(), limit: limit(50, 20) }) },
      responses: { 200: jsonResponse(z.object({ items: z.array(articleSummary) }), 'Articles'), ...problems(401, 422) },
    }),
    async (c) => c.json({ items: await findArticles(c.get('desk'), currentUser(c), c.req.valid('query')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/api/knowledge/suggest', tags,
      summary: 'Public articles for what a requester is typing into a form ("These may help")',
      middleware: [allow('signed-in')] as const,
      request: {
        query: z.object({
          q: z.string().max(500),
          workflow: z.string().max(100).optional().describe('The form being filled in; nothing is suggested if its workflow sets `suggestKnowledge: false`'),
          locale: localeQuery,
          limit: limit(10, 5),
        }),
      },
      responses: { 200: jsonResponse(z.object({ items: z.array(articleSummary) }), 'Suggestions, best first'), ...problems(401, 404, 422) },
    }),
    async (c) => c.json({ items: await suggestArticles(c.get('desk'), currentUser(c), c.req.valid('query')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/api/knowledge/articles/{id}', tags,
      summary: 'Read one article in the caller\'s language (else English)',
      middleware: [allow('signed-in')] as const,
      request: { params: id, query: z.object({ locale: localeQuery }) },
      responses: { 200: jsonResponse(z.object({ article: articleView }), 'The article'), ...problems(401, 404, 422) },
    }),
    async (c) => c.json({ article: await readArticle(c.get('desk'), currentUser(c), c.req.valid('param').id, c.req.valid('query').locale) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/knowledge/deflections', tags,
      summary: '"This solved it": an article answered the request, so none was sent; counted, nothing else is written',
      middleware: [allow('signed-in')] as const,
      request: { body: jsonBody(z.object({ articleId: z.number().int().positive(), workflow: z.string().max(100).optional() }).strict()) },
      responses: { 204: { description: 'Recorded' }, ...problems(401, 404, 422) },
    }),
    async (c) => {
      await recordDeflection(c.get('desk'), currentUser(c), c.req.valid('json'));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/api/admin/knowledge/articles', tags,
      summary: 'Every article, whatever its status, newest first',
      middleware: [allow('admin')] as const,
      request: { query: z.object({ status: articleStatus.optional(), limit: limit(500, 200) }) },
      responses: { 200: jsonResponse(z.object({ items: z.array(adminArticleSummary) }), 'Articles'), ...problems(401, 403, 422) },
    }),
    async (c) => c.json({ items: await adminArticles(c.get('desk'), c.req.valid('query')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/admin/knowledge/articles', tags,
      summary: `Write a new article (a draft); each language's body is Markdown of at most ${maxBodyBytes / 1024} kB`,
      middleware: [allow('admin')] as const,
      request: { body: jsonBody(articleInput) },
      responses: { 201: jsonResponse(z.object({ article: adminArticleSchema }), 'The draft'), ...problems(401, 403, 422) },
    }),
    async (c) => c.json({ article: await createArticle(c.get('desk'), currentUser(c), c.req.valid('json')) }, 201),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/api/admin/knowledge/articles/{id}', tags,
      summary: 'One article with the Markdown of every language',
      middleware: [allow('admin')] as const,
      request: { params: id },
      responses: { 200: jsonResponse(z.object({ article: adminArticleSchema }), 'The article'), ...problems(401, 403, 404, 422) },
    }),
    async (c) => c.json({ article: await adminArticle(c.get('desk'), c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'put', path: '/api/admin/knowledge/articles/{id}', tags,
      summary: 'Save an article\'s text, category and audience (its languages are replaced by those sent); a stale `rowVersion` is 409',
      middleware: [allow('admin')] as const,
      request: { params: id, body: jsonBody(articleUpdate) },
      responses: { 200: jsonResponse(z.object({ article: adminArticleSchema }), 'The saved article'), ...problems(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json({ article: await editArticle(c.get('desk'), currentUser(c), c.req.valid('param').id, c.req.valid('json')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/admin/knowledge/articles/{id}/status', tags,
      summary: 'Publish, archive, or take back to draft',
      middleware: [allow('admin')] as const,
      request: { params: id, body: jsonBody(statusChange) },
      responses: { 200: jsonResponse(z.object({ article: adminArticleSchema }), 'The article'), ...problems(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json({ article: await setArticleStatus(c.get('desk'), currentUser(c), c.req.valid('param').id, c.req.valid('json')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/api/admin/knowledge/articles/{id}/versions', tags,
      summary: 'Every saved state of an article, newest first, with who saved it and when',
      middleware: [allow('admin')] as const,
      request: { params: id },
      responses: { 200: jsonResponse(z.object({ items: z.array(articleVersion) }), 'Versions'), ...problems(401, 403, 404, 422) },
    }),
    async (c) => c.json({ items: await articleVersions(c.get('desk'), c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/admin/knowledge/preview', tags,
      summary: 'The HTML a reader would see for a Markdown body, rendered and sanitised as published articles are',
      middleware: [allow('admin')] as const,
      request: { body: jsonBody(z.object({ body: markdownBody }).strict()) },
      responses: { 200: jsonResponse(z.object({ html: z.string() }), 'The rendered body'), ...problems(401, 403, 422) },
    }),
    async (c) => c.json({ html: renderMarkdown(c.req.valid('json').body) }, 200),
  );
