/**
 * Knowledge articles over HTTP: written by an admin in two languages,
 * published and archived; requesters find public ones only, through every
 * way in (list, search, read, suggestions); "This solved it" is recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let admin: Client;
let agent: Client;
let requester: Client;

beforeAll(async () => {
  t = await startTestDesk({ smtp: false });
  admin = await t.as('admin@example.com');
  agent = await t.as('agent@example.com');
  requester = await t.as('requester@example.com');
});
afterAll(() => t.close());

async function publish(audience: 'public' | 'internal', translations: Record<string, { title: string; body: string }>, category = 'network') {
  const created = await admin.post('/api/admin/knowledge/articles', { category, audience, translations });
  expect(created.status).toBe(201);
  const res = await admin.post(`/api/admin/knowledge/articles/${created.body.article.id}/status`, { status: 'published', rowVersion: created.body.article.rowVersion });
  expect(res.status).toBe(200);
  return res.body.article as { id: number; rowVersion: number };
}

describe('an article in two languages', () => {
  let id: number;

  it('is a draft nobody reads until it is published, then readers get their language, else English', async () => {
    const created = await admin.post('/api/admin/knowledge/articles', {
      category: 'network',
      audience: 'public',
      translations: {
        en: { title: 'Connect to the VPN from home', body: 'Open the **GlobalConnect** client and sign in with your desk password.' },
        cy: { title: "Cysylltu â'r VPN o gartref", body: 'Agorwch y cleient **GlobalConnect** a mewngofnodwch.' },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.article).toMatchObject({ status: 'draft', rowVersion: 1, createdBy: { name: 'Ada Admin' } });
    id = created.body.article.id;

    expect((await requester.get(`/api/knowledge/articles/${id}`)).status).toBe(404);
    expect((await requester.get('/api/knowledge/articles?q=GlobalConnect')).body.items).toEqual([]);

    const published = await admin.post(`/api/admin/knowledge/articles/${id}/status`, { status: 'published', rowVersion: 1 });
    expect(published.body.article).toMatchObject({ status: 'published', rowVersion: 2 });

    const en = await requester.get(`/api/knowledge/articles/${id}`);
    expect(en.body.article).toMatchObject({ title: 'Connect to the VPN from home', locale: 'en', locales: ['cy', 'en'] });
    expect(en.body.article.html).toContain('<strong>GlobalConnect</strong>');
    const cy = await requester.get(`/api/knowledge/articles/${id}?locale=cy`);
    expect(cy.body.article).toMatchObject({ title: "Cysylltu â'r VPN o gartref", locale: 'cy' });
    const ro = await requester.get(`/api/knowledge/articles/${id}?locale=ro`);
    expect(ro.body.article.locale).toBe('en');

    const searchCy = await requester.get(`/api/knowledge/articles?q=${encodeURIComponent('cysylltu vpn')}&locale=cy`);
    expect(searchCy.body.items.map((a: { id: number; locale: string }) => [a.id, a.locale])).toEqual([[id, 'cy']]);
  });

  it('keeps every saved state with who saved it, and refuses a stale rowVersion', async () => {
    const edit = (rowVersion: number) =>
      admin.put(`/api/admin/knowledge/articles/${id}`, {
        rowVersion,
        category: 'network',
        audience: 'public',
        translations: { en: { title: 'Connect to the VPN', body: 'Use **GlobalConnect**.' }, cy: { title: "Cysylltu â'r VPN", body: 'Defnyddiwch GlobalConnect.' } },
      });
    const saved = await edit(2);
    expect(saved.status).toBe(200);
    expect(saved.body.article).toMatchObject({ rowVersion: 3, status: 'published' });
    const stale = await edit(2);
    expect(stale.status).toBe(409);
    expect(stale.body.errors).toEqual([{ path: 'rowVersion', message: 'is 2, the article is now at 3' }]);

    const versions = await admin.get(`/api/admin/knowledge/articles/${id}/versions`);
    expect(versions.body.items.map((v: { rowVersion: number; status: string }) => [v.rowVersion, v.status])).toEqual([[3, 'published'], [2, 'published'], [1, 'draft']]);
    expect(versions.body.items[2].translations.en.title).toBe('Connect to the VPN from home');
    expect(versions.body.items[0].author).toMatchObject({ name: 'Ada Admin' });
  });

  it('is no longer found once archived, yet the admin still lists it', async () => {
    const archived = await admin.post(`/api/admin/knowledge/articles/${id}/status`, { status: 'archived', rowVersion: 3 });
    expect(archived.body.article.status).toBe('archived');
    expect((await requester.get(`/api/knowledge/articles/${id}`)).status).toBe(404);
    expect((await agent.get(`/api/knowledge/articles?q=GlobalConnect`)).body.items).toEqual([]);
    const list = await admin.get('/api/admin/knowledge/articles?status=archived');
    expect(list.body.items.map((a: { id: number }) => a.id)).toContain(id);
  });
});

describe('internal articles', () => {
  let internal: number;
  let open: number;

  beforeAll(async () => {
    internal = (await publish('internal', { en: { title: 'Printer firmware rollback for the quokka fleet', body: 'Staff only: the admin PIN is in the vault.' } }, 'devices')).id;
    open = (await publish('public', { en: { title: 'Printer out of toner on the quokka floor', body: 'Order toner from the catalogue.' } }, 'devices')).id;
  });

  it('never reach a requester: not by id, list, search or suggestions', async () => {
    expect((await requester.get(`/api/knowledge/articles/${internal}`)).status).toBe(404);
    const ids = async (path: string) => ((await requester.get(path)).body.items as { id: number }[]).map((a) => a.id);
    expect(await ids('/api/knowledge/articles?q=quokka')).toEqual([open]);
    expect(await ids('/api/knowledge/articles?category=devices')).toEqual([open]);
    expect(await ids('/api/knowledge/articles')).not.toContain(internal);
    expect(await ids('/api/knowledge/suggest?q=quokka%20printer&workflow=it-incident')).toEqual([open]);
  });

  it('reach staff, in search and by id, but never in the portal\'s suggestions', async () => {
    const found = (await agent.get('/api/knowledge/articles?q=quokka%20printer')).body.items.map((a: { id: number }) => a.id);
    expect(found.sort()).toEqual([internal, open].sort());
    expect((await agent.get(`/api/knowledge/articles/${internal}`)).body.article.audience).toBe('internal');
    expect((await agent.get('/api/knowledge/suggest?q=quokka')).body.items.map((a: { id: number }) => a.id)).toEqual([open]);
  });

  it('cannot be written by anyone but an admin', async () => {
    const body = { audience: 'public', translations: { en: { title: 'x', body: 'y' } } };
    expect((await agent.post('/api/admin/knowledge/articles', body)).status).toBe(403);
    expect((await requester.post('/api/admin/knowledge/articles', body)).status).toBe(403);
  });

  it('records "This solved it" for a public article, and only for one', async () => {
    const before = await t.desk.context.db.selectFrom('tickets').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect((await requester.post('/api/knowledge/deflections', { articleId: open, workflow: 'it-incident' })).status).toBe(204);
    expect((await requester.post('/api/knowledge/deflections', { articleId: internal, workflow: 'it-incident' })).status).toBe(404);
    const list = (await admin.get('/api/admin/knowledge/articles')).body.items as { id: number; deflections: number }[];
    expect(list.find((a) => a.id === open)?.deflections).toBe(1);
    expect(list.find((a) => a.id === internal)?.deflections).toBe(0);
    const after = await t.desk.context.db.selectFrom('tickets').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('bad input', () => {
  it.each(['"', '"unbalanced', '***', 'NEAR(printer toner, 2)', 'toner AND OR NOT', '^title:x', '(((', "'; DROP TABLE kb_articles; --"])(
    'searching for %j never errors',
    async (q) => {
      for (const path of ['/api/knowledge/articles', '/api/knowledge/suggest']) {
        const res = await requester.get(`${path}?q=${encodeURIComponent(q)}`);
        expect(res.status, path).toBe(200);
        expect(Array.isArray(res.body.items)).toBe(true);
      }
    },
  );

  it('refuses a body over 200 kB at its path', async () => {
    const big = await admin.post('/api/admin/knowledge/articles', { audience: 'public', translations: { cy: { title: 'Mawr', body: 'a'.repeat(200 * 1024 + 1) } } });
    expect(big.status).toBe(422);
    expect(big.body.errors).toEqual([{ path: 'translations.cy.body', message: 'is larger than 200 kB' }]);
    const none = await admin.post('/api/admin/knowledge/articles', { audience: 'public', translations: {} });
    expect(none.body.errors).toEqual([{ path: 'translations', message: 'needs at least one language' }]);
  });

  it('stores Markdown as written and serves it inert', async () => {
    const body = '<script>alert(1)</script>\n\n[x](javascript:alert(1)) ![y](data:image/png;base64,AAAA) <img src=x onerror=alert(1)>';
    const a = await publish('public', { en: { title: 'Hostile', body } });
    expect((await admin.get(`/api/admin/knowledge/articles/${a.id}`)).body.article.translations.en.body).toBe(body);
    const html: string = (await requester.get(`/api/knowledge/articles/${a.id}`)).body.article.html;
    for (const tag of html.match(/<[^>]+>/g) ?? []) expect(tag).toMatch(/^<\/?(p|a)>$/);
    expect(html).toContain('&lt;script&gt;');
  });
});

describe('suggestions per workflow', () => {
  it('are off for a workflow that says suggestKnowledge: false, and 404 for a form the caller cannot use', async () => {
    await publish('public', { en: { title: 'Wombat badge reader offline', body: 'Tap the badge twice.' } });
    expect((await requester.get('/api/knowledge/suggest?q=wombat&workflow=it-incident')).body.items).toHaveLength(1);
    expect((await requester.get('/api/knowledge/suggest?q=wombat&workflow=no-such-form')).status).toBe(404);

    const draft = await admin.get('/api/admin/workflows/it-incident');
    const put = await admin.put('/api/admin/workflows/it-incident/draft', { ...draft.body.draft, suggestKnowledge: false });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect((await admin.post('/api/admin/workflows/it-incident/publish', {})).status).toBeLessThan(300);
    expect((await requester.get('/api/knowledge/suggest?q=wombat&workflow=it-incident')).body.items).toEqual([]);
  });
});

// Last: a 413 closes the connection before the body is read, and fetch may still try to reuse it.
describe('an oversized request', () => {
  it('is 413 before it is read', async () => {
    const huge = await admin.post('/api/admin/knowledge/articles', { audience: 'public', translations: { en: { title: 'Huge', body: 'a'.repeat(1100 * 1024) } } });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('too-large');
  });
});
