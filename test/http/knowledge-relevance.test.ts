/**
 * Relevance on real text: 270 articles of the GNOME desktop help (CC BY-SA
 * 3.0, see test/fixtures/knowledge/README.md) published on a real desk, and
 * 30 questions typed the way requesters put them. The article that answers
 * each should be among the first three suggestions for at least 25.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createArticle, setArticleStatus } from '../../server/knowledge/knowledge.service.ts';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/knowledge/${name}`, import.meta.url), 'utf8'));
const articles: { id: string; title: string; body: string }[] = fixture('gnome-help.json');
const queries: [string, string][] = fixture('queries.json');

let t: TestDesk;
let requester: Client;
const articleFor = new Map<number, string>();

beforeAll(async () => {
  t = await startTestDesk({ smtp: false });
  const desk = t.desk.context;
  const me = (await (await t.as('admin@example.com')).get('/api/me')).body.user;
  for (const a of articles) {
    const draft = await createArticle(desk, me, { category: a.id.split('-')[0]!, audience: 'public', translations: { en: { title: a.title, body: a.body } } });
    await setArticleStatus(desk, me, draft.id, { status: 'published', rowVersion: draft.rowVersion });
    articleFor.set(draft.id, a.id);
  }
  // Signed in after the seeding, so no idle kept-alive connection is reused.
  requester = await t.as('requester@example.com');
}, 60_000);
afterAll(() => t.close());

it('finds the answering article in the top 3 for at least 25 of 30 questions', async () => {
  expect(articles.length).toBeGreaterThanOrEqual(200);
  expect(queries).toHaveLength(30);
  const misses: string[] = [];
  for (const [q, expected] of queries) {
    const res = await requester.get(`/api/knowledge/suggest?q=${encodeURIComponent(q)}&limit=3`);
    expect(res.status).toBe(200);
    const top = (res.body.items as { id: number }[]).map((a) => articleFor.get(a.id));
    if (!top.includes(expected)) misses.push(`${q} → ${top.join(', ')} (wanted ${expected})`);
  }
  console.log(`knowledge relevance: ${queries.length - misses.length}/30 in the top 3`, misses);
  expect(queries.length - misses.length).toBeGreaterThanOrEqual(25);
});
