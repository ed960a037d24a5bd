/**
 * Knowledge articles in the store: free functions, `db` first, so they run
 * inside the caller's transaction. The FTS5 bits (`kb_search`, a
 * contentless index whose rowid is the translation row's id) stay here.
 */
import { sql } from 'kysely';
import type { DeskDb } from '../db/database.ts';
import { insertSearchRow, searchMatches, searchRank } from '../db/dialect.ts';
import type { ArticleAudience, ArticleStatus, TranslationInput } from './knowledge.schema.ts';

export interface ArticleRecord {
  id: number;
  category: string;
  audience: ArticleAudience;
  status: ArticleStatus;
  rowVersion: number;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
  updatedAt: string;
  updatedBy: { id: string; name: string } | null;
  translations: Record<string, TranslationInput>;
}

const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? id } : null);

export async function insertArticle(db: DeskDb, a: { category: string; audience: string; status: string; by: string; at: string }): Promise<number> {
  const row = await db
    .insertInto('kb_articles')
    .values({ category: a.category, audience: a.audience, status: a.status, created_by: a.by, created_at: a.at, updated_by: a.by, updated_at: a.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Bumps the row version if it still is `expected`; false when someone else saved first. */
export async function updateArticle(
  db: DeskDb,
  id: number,
  expected: number,
  patch: { category?: string; audience?: string; status?: string; by: string; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('kb_articles')
    .set({
      ...(patch.category !== undefined ? { category: patch.category } : {}),
      ...(patch.audience !== undefined ? { audience: patch.audience } : {}),
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      updated_by: patch.by,
      updated_at: patch.at,
      row_version: sql<number>`row_version + 1`,
    })
    .where('id', '=', id)
    .where('row_version', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Replaces an article's languages and their rows in the search index. */
export async function replaceTranslations(db: DeskDb, articleId: number, translations: Record<string, TranslationInput>): Promise<void> {
  const old = await db.selectFrom('kb_translations').select('id').where('article_id', '=', articleId).execute();
  for (const { id } of old) await sql`DELETE FROM kb_search WHERE rowid = ${id}`.execute(db);
  await db.deleteFrom('kb_translations').where('article_id', '=', articleId).execute();
  for (const [locale, t] of Object.entries(translations)) {
    const row = await db.insertInto('kb_translations').values({ article_id: articleId, locale, title: t.title, body: t.body }).returning('id').executeTakeFirstOrThrow();
    await insertSearchRow(db, 'kb_search', row.id, { title: t.title, body: t.body });
  }
}

export async function findArticle(db: DeskDb, id: number): Promise<ArticleRecord | undefined> {
  const row = await db
    .selectFrom('kb_articles as a')
    .leftJoin('users as c', 'c.id', 'a.created_by')
    .leftJoin('users as u', 'u.id', 'a.updated_by')
    .selectAll('a')
    .select(['c.name as created_by_name', 'u.name as updated_by_name'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const rows = await db.selectFrom('kb_translations').select(['locale', 'title', 'body']).where('article_id', '=', id).orderBy('locale').execute();
  return {
    id: row.id,
    category: row.category,
    audience: row.audience as ArticleAudience,
    status: row.status as ArticleStatus,
    rowVersion: row.row_version,
    createdAt: row.created_at,
    createdBy: person(row.created_by, row.created_by_name),
    updatedAt: row.updated_at,
    updatedBy: person(row.updated_by, row.updated_by_name),
    translations: Object.fromEntries(rows.map((t) => [t.locale, { title: t.title, body: t.body }])),
  };
}

export async function insertVersion(db: DeskDb, article: ArticleRecord, at: string, by: string): Promise<void> {
  await db
    .insertInto('kb_article_versions')
    .values({
      article_id: article.id,
      row_version: article.rowVersion,
      status: article.status,
      audience: article.audience,
      category: article.category,
      translations: JSON.stringify(article.translations),
      author_id: by,
      created_at: at,
    })
    .execute();
}

export async function listVersions(db: DeskDb, articleId: number) {
  const rows = await db
    .selectFrom('kb_article_versions as v')
    .leftJoin('users as u', 'u.id', 'v.author_id')
    .selectAll('v')
    .select('u.name as author_name')
    .where('v.article_id', '=', articleId)
    .orderBy('v.row_version', 'desc')
    .execute();
  return rows.map((v) => ({
    rowVersion: v.row_version,
    status: v.status as ArticleStatus,
    audience: v.audience as ArticleAudience,
    category: v.category,
    translations: JSON.parse(v.translations) as Record<string, TranslationInput>,
    author: person(v.author_id, v.author_name),
    createdAt: v.created_at,
  }));
}

export interface Reach {
  audiences: readonly ArticleAudience[];
  statuses: readonly ArticleStatus[];
  category?: string | undefined;
}

export interface FoundTranslation {
  articleId: number;
  locale: string;
  title: string;
  body: string;
  category: string;
  audience: ArticleAudience;
  updatedAt: string;
}

/**
 * The one translation of each article a reader of `locale` gets: theirs if
 * it exists, else English, else the first there is.
 */
const servedTranslation = (locale: string) => sql<boolean>`t.id = (
  SELECT o.id FROM kb_translations o WHERE o.article_id = t.article_id
  ORDER BY CASE o.locale WHEN ${locale} THEN 0 WHEN 'en' THEN 1 ELSE 2 END, o.locale LIMIT 1)`;

function reachable(reach: Reach) {
  return sql<boolean>`a.audience IN (${sql.join(reach.audiences.map((x) => sql`${x}`))}) AND a.status IN (${sql.join(reach.statuses.map((x) => sql`${x}`))})${
    reach.category ? sql` AND a.category = ${reach.category}` : sql``
  }`;
}

const toFound = (r: { article_id: number; locale: string; title: string; body: string; category: string; audience: string; updated_at: string }): FoundTranslation => ({
  articleId: r.article_id,
  locale: r.locale,
  title: r.title,
  body: r.body,
  category: r.category,
  audience: r.audience as ArticleAudience,
  updatedAt: r.updated_at,
});

/** Articles matching an FTS5 expression, best first (bm25; a word in the title counts five times one in the body). */
export async function searchArticles(db: DeskDb, match: string, locale: string, reach: Reach, limit: number): Promise<FoundTranslation[]> {
  const { rows } = await sql<{ article_id: number; locale: string; title: string; body: string; category: string; audience: string; updated_at: string }>`
    SELECT t.article_id, t.locale, t.title, t.body, a.category, a.audience, a.updated_at
    FROM kb_search s
    JOIN kb_translations t ON t.id = s.rowid
    JOIN kb_articles a ON a.id = t.article_id
    WHERE ${searchMatches(db, 'kb_search', 's', match)} AND ${reachable(reach)} AND ${servedTranslation(locale)}
    ORDER BY ${searchRank(db, 'kb_search', 's', match, 5)}, t.article_id
    LIMIT ${limit}`.execute(db);
  return rows.map(toFound);
}

/** Articles newest first, in the reader's language. */
export async function listArticles(db: DeskDb, locale: string, reach: Reach, limit: number): Promise<FoundTranslation[]> {
  const { rows } = await sql<{ article_id: number; locale: string; title: string; body: string; category: string; audience: string; updated_at: string }>`
    SELECT t.article_id, t.locale, t.title, t.body, a.category, a.audience, a.updated_at
    FROM kb_articles a JOIN kb_translations t ON t.article_id = a.id
    WHERE ${reachable(reach)} AND ${servedTranslation(locale)}
    ORDER BY a.updated_at DESC, a.id DESC
    LIMIT ${limit}`.execute(db);
  return rows.map(toFound);
}

/** Every article for the admin list, newest first, with its languages and how many requests it deflected. */
export async function listAllArticles(db: DeskDb, filter: { status?: ArticleStatus | undefined }, limit: number) {
  let query = db
    .selectFrom('kb_articles as a')
    .leftJoin('users as c', 'c.id', 'a.created_by')
    .leftJoin('users as u', 'u.id', 'a.updated_by')
    .selectAll('a')
    .select((eb) => [
      'c.name as created_by_name',
      'u.name as updated_by_name',
      eb.selectFrom('kb_deflections as d').select((e) => e.fn.countAll<number>().as('n')).whereRef('d.article_id', '=', 'a.id').as('deflections'),
    ])
    .orderBy('a.updated_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit);
  if (filter.status) query = query.where('a.status', '=', filter.status);
  const rows = await query.execute();
  const ids = rows.map((r) => r.id);
  const translations = ids.length
    ? await db.selectFrom('kb_translations').select(['article_id', 'locale', 'title']).where('article_id', 'in', ids).orderBy('locale').execute()
    : [];
  return rows.map((r) => {
    const mine = translations.filter((t) => t.article_id === r.id);
    return {
      id: r.id,
      category: r.category,
      audience: r.audience as ArticleAudience,
      status: r.status as ArticleStatus,
      rowVersion: r.row_version,
      createdAt: r.created_at,
      createdBy: person(r.created_by, r.created_by_name),
      updatedAt: r.updated_at,
      updatedBy: person(r.updated_by, r.updated_by_name),
      title: (mine.find((t) => t.locale === 'en') ?? mine[0])?.title ?? '',
      locales: mine.map((t) => t.locale),
      deflections: Number(r.deflections ?? 0),
    };
  });
}

export async function insertDeflection(db: DeskDb, d: { articleId: number; workflowId: string | null; userId: string; at: string }): Promise<void> {
  await db.insertInto('kb_deflections').values({ article_id: d.articleId, workflow_id: d.workflowId, user_id: d.userId, created_at: d.at }).execute();
}
