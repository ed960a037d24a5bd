/**
 * The agent's knowledge in the browser: the ticket page lists the matching
 * article and a similar resolved ticket; "Resolve with this article" fills
 * the resolution and the history records it; the resolution is saved as a
 * draft article; "#" and words open the prepared answers like "/".
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, signedIn } from '../support/browser.ts';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let browser: Browser;
let admin: Client;
let agent: Client;
let requester: Client;
let article: number;

const incident = (summary: string, details: string) => ({ fields: { summary, service: 'other', impact: 'me', urgency: 'low', details } });

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestDesk({ smtp: false }), launchBrowser()]);
  admin = await t.as('admin@example.com');
  agent = await t.as('agent@example.com');
  requester = await t.as('requester@example.com');
  const created = await admin.post('/api/admin/knowledge/articles', {
    audience: 'public',
    translations: { en: { title: 'Fix a rejected VPN token', body: 'Resync the token in the GlobalConnect client.' } },
  });
  article = created.body.article.id;
  await admin.post(`/api/admin/knowledge/articles/${article}/status`, { status: 'published', rowVersion: 1 });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the ticket page', () => {
  it('suggests the article and a similar resolved ticket, resolves with the article and saves the resolution as a draft', async () => {
    const earlier = (await requester.post('/api/workflows/it-incident/submissions', incident('VPN token rejected last week', 'GlobalConnect refused the token.'))).body.ticket;
    await agent.post(`/api/tickets/${earlier.id}/transitions`, { to: 'resolved', resolution: { code: 'solved', notes: 'Resynced the token.' } });
    const ticket = (await requester.post('/api/workflows/it-incident/submissions', incident('My VPN token is rejected', 'The VPN rejects my token.'))).body.ticket;

    const { context, page } = await signedIn(browser, t.url, 'agent@example.com');
    await page.goto(`/agent/tickets/${ticket.id}`);
    const panel = page.getByRole('region', { name: 'Knowledge for this ticket' });
    await expect.poll(() => panel.locator('[data-suggested-articles] li a.title').allTextContents()).toEqual(['Fix a rejected VPN token']);
    await expect.poll(() => panel.locator('[data-similar-tickets] li a.title').first().textContent()).toBe(`${earlier.number} VPN token rejected last week`);
    await expectAccessible(page, 'ticket page with knowledge suggestions');

    await panel.getByRole('button', { name: 'Resolve with this article' }).click();
    const form = page.locator('form[data-transition]');
    await expect.poll(() => form.getByLabel('What was done').inputValue()).toBe(`Fix a rejected VPN token\n${t.url}/knowledge/${article}`);
    await expect.poll(() => form.locator('[data-resolve-with]').textContent()).toContain('Resolving with: Fix a rejected VPN token');
    await form.locator('#resolution-code').selectOption('solved');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => page.getByText('Sam Agent resolved it with the article “Fix a rejected VPN token”').or(page.getByText('You resolved it with the article “Fix a rejected VPN token”')).count()).toBe(1);

    await panel.getByRole('button', { name: 'Save as a new article' }).click();
    await expect.poll(() => panel.getByLabel('Text (Markdown)').inputValue()).toBe(`Fix a rejected VPN token\n${t.url}/knowledge/${article}`);
    await panel.getByLabel('Title').fill('VPN token rejected: resync it');
    await panel.getByRole('button', { name: 'Save the draft' }).click();
    await expect.poll(() => panel.getByRole('status').textContent()).toBe('Draft saved for review.');
    const drafts = (await admin.get('/api/admin/knowledge/articles?status=draft')).body.items.map((a: { title: string; audience: string }) => [a.title, a.audience]);
    expect(drafts).toContainEqual(['VPN token rejected: resync it', 'internal']);
    await context.close();
  });

  it('opens the prepared answers with "#" and words, like "/"', async () => {
    await admin.post('/api/admin/prepared-answers', { name: 'Token resync', texts: { en: 'Hello {{requester.name}}, your token is resynced.' } });
    const ticket = (await requester.post('/api/workflows/it-incident/submissions', incident('Token again', 'Again.'))).body.ticket;
    const { context, page } = await signedIn(browser, t.url, 'agent@example.com');
    await page.goto(`/agent/tickets/${ticket.id}`);
    const box = page.locator('#composer-body');
    await box.click();
    await box.pressSequentially('#token', { delay: 20 });
    const options = page.getByRole('listbox', { name: 'Prepared answers' }).getByRole('option');
    await expect.poll(() => options.allTextContents()).toEqual(['#Token resync']);
    await box.press('Enter');
    await expect.poll(() => box.inputValue()).toBe('Hello Alex Requester, your token is resynced.');
    await context.close();
  });
});
