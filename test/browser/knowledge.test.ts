/**
 * Knowledge in a real browser: a requester typing a form's summary sees
 * matching public articles ("These may help"), never internal ones, reads
 * one in place and says "This solved it", which the desk counts; the
 * knowledge page searches and reads, in English and in Welsh; an article
 * whose Markdown is the XSS corpus renders inert for its reader and in the
 * admin's preview, under the desk's real CSP and with it bypassed.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, signedIn } from '../support/browser.ts';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';
import { expectInert, payloads, watching } from '../support/xss.ts';

let t: TestDesk;
let browser: Browser;
let admin: Client;
let vpnArticle: number;
let hostile: number;

async function publish(audience: 'public' | 'internal', translations: Record<string, { title: string; body: string }>) {
  const created = await admin.post('/api/admin/knowledge/articles', { category: 'network', audience, translations });
  expect(created.status).toBe(201);
  await admin.post(`/api/admin/knowledge/articles/${created.body.article.id}/status`, { status: 'published', rowVersion: created.body.article.rowVersion });
  return created.body.article.id as number;
}

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestDesk({ smtp: false }), launchBrowser()]);
  admin = await t.as('admin@example.com');
  vpnArticle = await publish('public', {
    en: { title: 'Connect to the VPN from home', body: 'Open **GlobalConnect** and sign in with your desk password.' },
    cy: { title: "Cysylltu â'r VPN o gartref", body: 'Agorwch **GlobalConnect** a mewngofnodwch.' },
  });
  await publish('internal', { en: { title: 'VPN concentrator failover runbook', body: 'Staff only.' } });
  hostile = await publish('public', { en: { title: 'Hostile markdown', body: payloads.join('\n\n') } });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('deflection on the intake form', () => {
  it('suggests public articles as the requester types, reads one in place, and records "This solved it"', async () => {
    const { context, page } = await signedIn(browser, t.url, 'requester@example.com');
    await page.goto('/catalogue/it-incident');
    await page.getByLabel('Summary').pressSequentially('vpn will not connect', { delay: 20 });
    const panel = page.getByRole('region', { name: 'These may help' });
    await panel.waitFor();
    await expect.poll(() => panel.locator('.title').allTextContents()).toEqual(['Connect to the VPN from home']);
    await expectAccessible(page, 'intake form with suggestions');

    await panel.getByRole('button', { name: 'Read it' }).click();
    await panel.locator('strong', { hasText: 'GlobalConnect' }).waitFor();
    expect(await panel.getByRole('button', { name: 'Hide it' }).getAttribute('aria-expanded')).toBe('true');
    await panel.getByRole('button', { name: 'This solved it' }).click();
    await page.getByRole('status').filter({ hasText: 'Glad that helped' }).waitFor();

    const list = (await admin.get('/api/admin/knowledge/articles')).body.items as { id: number; deflections: number }[];
    expect(list.find((a) => a.id === vpnArticle)?.deflections).toBe(1);
    expect((await (await t.as('requester@example.com')).get('/api/tickets')).body.items).toEqual([]);
    await context.close();
  });

  it('speaks Welsh to a Welsh reader', async () => {
    const { context, page } = await signedIn(browser, t.url, 'requester@example.com', { locale: 'cy' });
    await page.goto('/catalogue/it-incident');
    await page.locator('[data-field=summary] input').pressSequentially('cysylltu vpn', { delay: 20 });
    const panel = page.getByRole('region', { name: "Gallai'r rhain helpu" });
    await expect.poll(() => panel.locator('.title').allTextContents()).toEqual(["Cysylltu â'r VPN o gartref"]);
    await page.goto('/knowledge');
    await page.getByRole('heading', { name: 'Gwybodaeth' }).waitFor();
    await expectAccessible(page, 'knowledge page in Welsh');
    await context.close();
  });
});

describe('the knowledge page', () => {
  it('searches and reads an article', async () => {
    const { context, page } = await signedIn(browser, t.url, 'requester@example.com');
    await page.getByRole('link', { name: 'Knowledge' }).click();
    await page.getByLabel('Search the articles').fill('globalconnect');
    await page.getByRole('button', { name: 'Search the articles' }).click();
    await expect.poll(() => page.locator('.results a').allTextContents()).toEqual(['Connect to the VPN from home']);
    await expectAccessible(page, 'knowledge search');
    await page.getByRole('link', { name: 'Connect to the VPN from home' }).click();
    await page.getByRole('heading', { name: 'Connect to the VPN from home' }).waitFor();
    await page.locator('article strong', { hasText: 'GlobalConnect' }).waitFor();
    await expectAccessible(page, 'knowledge article');
    await context.close();
  });

  it('lets an admin write, preview and publish an article', async () => {
    const { context, page } = await signedIn(browser, t.url, 'admin@example.com');
    await page.goto('/knowledge/manage/new');
    await page.getByLabel('Title (English)').fill('Reset your desk password');
    await page.getByLabel('Body (Markdown)').fill('Go to **Settings** and choose *Reset*.');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.locator('.preview strong', { hasText: 'Settings' }).waitFor();
    await expectAccessible(page, 'article editor');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Status: Published').waitFor();
    await page.getByRole('heading', { name: 'History' }).waitFor();
    expect(await page.locator('ol li').count()).toBe(2);
    const found = (await (await t.as('requester@example.com')).get('/api/knowledge/articles?q=reset%20password')).body.items;
    expect(found[0]?.title).toBe('Reset your desk password');
    await context.close();
  });
});

describe('an article written with the XSS corpus', () => {
  // What Markdown leaves as it is: a payload without Markdown's own punctuation reads on the page exactly as written.
  const plain = payloads.filter((p) => !/[*_`\\[\]~|#!&]/.test(p) && !/^\s*[-+>\d]/.test(p));

  it.each([
    ['under the desk\'s CSP', false],
    ['with the CSP bypassed', true],
  ])('renders inert for its reader and in the preview, %s', async (_name, bypassCSP) => {
    expect(plain.length).toBeGreaterThan(10);
    const reader = watching();
    const r = await signedIn(browser, t.url, 'requester@example.com', { bypassCSP, prepare: reader.prepare });
    reader.forgiveSignIn();
    await r.page.goto(`/knowledge/${hostile}`);
    await r.page.getByRole('heading', { name: 'Hostile markdown' }).waitFor();
    await expectInert(r.page, reader.seen, 'article page', plain);
    await r.context.close();

    const author = watching();
    const a = await signedIn(browser, t.url, 'admin@example.com', { bypassCSP, prepare: author.prepare });
    author.forgiveSignIn();
    await a.page.goto(`/knowledge/manage/${hostile}`);
    await a.page.getByRole('button', { name: 'Preview' }).click();
    await a.page.locator('.preview').waitFor();
    await expectInert(a.page, author.seen, 'admin preview', plain);
    await a.context.close();
  });
});

describe('prepared answers in the composer', () => {
  it('are picked by typing "/" and words, chosen with the keyboard and inserted as editable text', async () => {
    await admin.post('/api/admin/prepared-answers', { name: 'VPN reconnect', texts: { en: 'Hello {{requester.name}}, please reconnect ({{ticket.number}}).' } });
    await admin.post('/api/admin/prepared-answers', { name: 'VPN token', texts: { en: 'Your token was reset.' } });
    const requester = await t.as('requester@example.com');
    const { ticket } = (await requester.post('/api/workflows/it-incident/submissions', { fields: { summary: 'VPN drops', service: 'other', impact: 'me', urgency: 'low', details: 'Hourly.' } })).body;
    const { context, page } = await signedIn(browser, t.url, 'agent@example.com');
    await page.goto(`/agent/tickets/${ticket.id}`);
    const box = page.locator('#composer-body');
    await box.click();
    await box.pressSequentially('Hi. /vpn', { delay: 20 });
    const options = page.getByRole('listbox', { name: 'Prepared answers' }).getByRole('option');
    await expect.poll(() => options.allTextContents()).toEqual(['/VPN reconnect', '/VPN token']);
    await expectAccessible(page, 'composer with prepared answers');
    await box.press('ArrowDown');
    await box.press('ArrowUp');
    await box.press('Enter');
    await expect.poll(() => box.inputValue()).toBe(`Hi. Hello Alex Requester, please reconnect (${ticket.number}).`);
    expect(await options.count()).toBe(0);
    await box.pressSequentially(' Thanks');
    expect(await box.inputValue()).toBe(`Hi. Hello Alex Requester, please reconnect (${ticket.number}). Thanks`);
    await context.close();
  });
});
