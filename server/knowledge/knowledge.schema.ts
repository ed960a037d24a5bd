/**
 * Knowledge articles as the API speaks of them. One schema per concept; the
 * routes' validation, types and documentation all come from these.
 */
import { z } from 'zod';
import { locales } from '../engine/people/people.schema.ts';

/** The largest Markdown body one language of an article may have. */
export const maxBodyBytes = 200 * 1024;

export const articleStatuses = ['draft', 'published', 'archived'] as const;
export type ArticleStatus = (typeof articleStatuses)[number];
export const articleAudiences = ['public', 'internal'] as const;
export type ArticleAudience = (typeof articleAudiences)[number];

export const articleLocale = z.enum(locales);
export const articleStatus = z.enum(articleStatuses).describe('draft (only admins see it), published (readers see it), archived (kept, no longer shown)');
export const articleAudience = z.enum(articleAudiences).describe('public: requesters read it in the portal; internal: staff only');
export const category = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'must be lower-case letters, digits and dashes (at most 60)')
  .describe('The article\'s category, e.g. "network" or "accounts"');

export const markdownBody = z
  .string()
  .refine((s) => Buffer.byteLength(s, 'utf8') <= maxBodyBytes, `is larger than ${maxBodyBytes / 1024} kB`)
  .describe('Markdown; raw HTML is shown as text and links may only be http, https or mailto');

export const translationInput = z.object({ title: z.string().trim().min(1).max(200), body: markdownBody }).strict();
export type TranslationInput = z.infer<typeof translationInput>;

const translations = z
  .partialRecord(articleLocale, translationInput)
  .refine((t) => Object.keys(t).length > 0, 'needs at least one language')
  .describe('The article per language; readers get theirs, else English, else the first there is');

export const articleInput = z
  .object({
    category: category.default('general'),
    audience: articleAudience.default('internal'),
    translations,
  })
  .strict();
export type ArticleInput = z.infer<typeof articleInput>;

const rowVersion = z.number().int().positive().describe('The version last read (`rowVersion`); a stale one is 409');
export const articleUpdate = articleInput.extend({ rowVersion }).strict();
export type ArticleUpdate = z.infer<typeof articleUpdate>;
export const statusChange = z.object({ status: articleStatus, rowVersion }).strict();

const person = z.object({ id: z.string(), name: z.string() }).nullable();

export const articleSummary = z.object({
  id: z.number().int(),
  title: z.string(),
  excerpt: z.string().describe('Plain text from the body, near the words searched for'),
  category: z.string(),
  audience: articleAudience,
  locale: z.string().describe('The language of this title and excerpt'),
  updatedAt: z.string(),
});
export type ArticleSummary = z.infer<typeof articleSummary>;

export const articleView = z.object({
  id: z.number().int(),
  title: z.string(),
  html: z.string().describe('The body rendered from Markdown and sanitised: nothing in it can run'),
  category: z.string(),
  audience: articleAudience,
  locale: z.string().describe('The language served: the one asked for, else English, else the first there is'),
  locales: z.array(z.string()).describe('Every language the article is written in'),
  updatedAt: z.string(),
});
export type ArticleView = z.infer<typeof articleView>;

export const adminArticle = z.object({
  id: z.number().int(),
  category: z.string(),
  audience: articleAudience,
  status: articleStatus,
  rowVersion: z.number().int(),
  translations: z.partialRecord(articleLocale, translationInput),
  createdAt: z.string(),
  createdBy: person,
  updatedAt: z.string(),
  updatedBy: person,
});
export type AdminArticle = z.infer<typeof adminArticle>;

export const adminArticleSummary = adminArticle.omit({ translations: true }).extend({
  title: z.string().describe('The English title, else the first there is'),
  locales: z.array(z.string()),
  deflections: z.number().int().describe('Requests this article answered ("This solved it")'),
});
export type AdminArticleSummary = z.infer<typeof adminArticleSummary>;

export const articleVersion = z.object({
  rowVersion: z.number().int(),
  status: articleStatus,
  audience: articleAudience,
  category: z.string(),
  translations: z.partialRecord(articleLocale, translationInput),
  author: person,
  createdAt: z.string(),
});
export type ArticleVersion = z.infer<typeof articleVersion>;
