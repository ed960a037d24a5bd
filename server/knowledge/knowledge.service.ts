/**
 * Knowledge use cases: who reads what, writing an article with its history,
 * searching and suggesting. Each change is one transaction; every saved
 * state becomes a version with who and when.
 */
import { inTransaction } from '../db/transaction.ts';
import { latestVersion } from '../db/workflows.repository.ts';
import { DeskError, notFound } from '../errors.ts';
import type { User } from '../engine/people/people.schema.ts';
import type { DeskContext } from '../services/desk-context.ts';
import {
  findArticle,
  insertArticle,
  insertDeflection,
  insertVersion,
  listAllArticles,
  listArticles,
  listVersions,
  replaceTranslations,
  searchArticles,
  updateArticle,
  type ArticleRecord,
  type FoundTranslation,
  type Reach,
} from './knowledge.repository.ts';
import type { AdminArticle, ArticleAudience, ArticleInput, ArticleStatus, ArticleSummary, ArticleUpdate, ArticleView } from './knowledge.schema.ts';
import { excerpt, renderMarkdown } from './markdown.ts';
import { knowledgeMatch, queryWords } from './search-query.ts';

const staffRoles = ['agent', 'specialist', 'manager', 'admin'];
export const isStaff = (user: User) => user.roles.some((r) => staffRoles.includes(r));

/** What a reader may find: requesters public articles only, staff internal ones too; published only. */
const readerReach = (user: User, category?: string): Reach => ({
  audiences: isStaff(user) ? ['public', 'internal'] : ['public'],
  statuses: ['published'],
  category,
});

const summary = (f: FoundTranslation, words: readonly string[]): ArticleSummary => ({
  id: f.articleId,
  title: f.title,
  excerpt: excerpt(f.body, words),
  category: f.category,
  audience: f.audience,
  locale: f.locale,
  updatedAt: f.updatedAt,
});

/** The translation a reader of `locale` gets: theirs, else English, else the first there is. */
export function pickLocale(available: readonly string[], locale: string): string | undefined {
  return available.includes(locale) ? locale : available.includes('en') ? 'en' : [...available].sort()[0];
}

/** Published articles for a reader: matching `q` best first (bm25), or newest first without one. */
export async function findArticles(desk: DeskContext, user: User, input: { q?: string | undefined; locale?: string | undefined; category?: string | undefined; limit: number }): Promise<ArticleSummary[]> {
  const locale = input.locale ?? user.locale;
  const reach = readerReach(user, input.category);
  const match = input.q ? knowledgeMatch(input.q) : null;
  if (input.q && !match) return [];
  const found = match ? await searchArticles(desk.db, match, locale, reach, input.limit) : await listArticles(desk.db, locale, reach, input.limit);
  const words = input.q ? queryWords(input.q) : [];
  return found.map((f) => summary(f, words));
}

/**
 * Public articles for what a requester is typing into a form's summary
 * ("These may help"). Always public only, whoever asks: it is the portal's
 * view. Nothing when the workflow turned suggestions off.
 */
export async function suggestArticles(desk: DeskContext, user: User, input: { q: string; workflow?: string | undefined; locale?: string | undefined; limit: number }): Promise<ArticleSummary[]> {
  if (input.workflow) {
    const version = await latestVersion(desk.db, input.workflow);
    if (!version || !version.definition.audience.some((r) => user.roles.includes(r))) throw notFound(`The form ${input.workflow}`);
    if (version.definition.suggestKnowledge === false) return [];
  }
  const match = knowledgeMatch(input.q);
  if (!match) return [];
  const found = await searchArticles(desk.db, match, input.locale ?? user.locale, { audiences: ['public'], statuses: ['published'] }, input.limit);
  const words = queryWords(input.q);
  return found.map((f) => summary(f, words));
}

/** Whether a reader may see this article at all; anything else is "not found". */
function readable(user: User, a: ArticleRecord): boolean {
  return a.status === 'published' && (a.audience === 'public' || isStaff(user));
}

export async function readArticle(desk: DeskContext, user: User, id: number, locale?: string): Promise<ArticleView> {
  const a = await findArticle(desk.db, id);
  if (!a || !readable(user, a)) throw notFound(`The article ${id}`);
  const locales = Object.keys(a.translations);
  const served = pickLocale(locales, locale ?? user.locale)!;
  const t = a.translations[served]!;
  return { id: a.id, title: t.title, html: renderMarkdown(t.body), category: a.category, audience: a.audience, locale: served, locales, updatedAt: a.updatedAt };
}

/** A requester's "This solved it": counted against the article, nothing else is written. */
export async function recordDeflection(desk: DeskContext, user: User, input: { articleId: number; workflow?: string | undefined }): Promise<void> {
  const a = await findArticle(desk.db, input.articleId);
  if (!a || a.status !== 'published' || a.audience !== 'public') throw notFound(`The article ${input.articleId}`);
  await insertDeflection(desk.db, { articleId: a.id, workflowId: input.workflow ?? null, userId: user.id, at: desk.now().toISOString() });
}

const toAdmin = (a: ArticleRecord): AdminArticle => ({ ...a, translations: a.translations });

export async function adminArticles(desk: DeskContext, filter: { status?: ArticleStatus | undefined; limit: number }) {
  return listAllArticles(desk.db, filter, filter.limit);
}

export async function adminArticle(desk: DeskContext, id: number): Promise<AdminArticle> {
  const a = await findArticle(desk.db, id);
  if (!a) throw notFound(`The article ${id}`);
  return toAdmin(a);
}

export async function articleVersions(desk: DeskContext, id: number) {
  if (!(await findArticle(desk.db, id))) throw notFound(`The article ${id}`);
  return listVersions(desk.db, id);
}

/** A new article, a draft until it is published. */
export async function createArticle(desk: DeskContext, user: User, input: ArticleInput): Promise<AdminArticle> {
  return inTransaction(desk.db, async (db) => {
    const at = desk.now().toISOString();
    const id = await insertArticle(db, { category: input.category, audience: input.audience, status: 'draft', by: user.id, at });
    await replaceTranslations(db, id, input.translations as Record<string, { title: string; body: string }>);
    const saved = (await findArticle(db, id))!;
    await insertVersion(db, saved, at, user.id);
    return toAdmin(saved);
  });
}

async function change(desk: DeskContext, user: User, id: number, rowVersion: number, apply: (db: DeskContext['db'], at: string) => Promise<boolean>): Promise<AdminArticle> {
  return inTransaction(desk.db, async (db) => {
    const current = await findArticle(db, id);
    if (!current) throw notFound(`The article ${id}`);
    const at = desk.now().toISOString();
    if (current.rowVersion !== rowVersion || !(await apply(db, at))) {
      throw new DeskError(409, 'conflict', 'Someone else saved this article since you opened it; reload it and make your change again', [
        { path: 'rowVersion', message: `is ${rowVersion}, the article is now at ${current.rowVersion}` },
      ]);
    }
    const saved = (await findArticle(db, id))!;
    await insertVersion(db, saved, at, user.id);
    return toAdmin(saved);
  });
}

/** Saves new text, category or audience; the status stays what it was. */
export function editArticle(desk: DeskContext, user: User, id: number, input: ArticleUpdate): Promise<AdminArticle> {
  return change(desk, user, id, input.rowVersion, async (db, at) => {
    if (!(await updateArticle(db, id, input.rowVersion, { category: input.category, audience: input.audience as ArticleAudience, by: user.id, at }))) return false;
    await replaceTranslations(db, id, input.translations as Record<string, { title: string; body: string }>);
    return true;
  });
}

/** Publishes, archives, or takes an article back to draft. */
export function setArticleStatus(desk: DeskContext, user: User, id: number, input: { status: ArticleStatus; rowVersion: number }): Promise<AdminArticle> {
  return change(desk, user, id, input.rowVersion, (db, at) => updateArticle(db, id, input.rowVersion, { status: input.status, by: user.id, at }));
}
