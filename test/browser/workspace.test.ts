/**
 * The agent's workspace beyond the happy path: keyset pages of a long queue,
 * filters, a saved view made from the filters, bulk changes reflected in the live counts, a change refused
 * because someone else got there first (explained, with the new state and
 * the agent's text kept), and the workspace in Simplified Chinese, naming
 * who each ticket is assigned to.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, screenshot, signedIn } from '../support/browser.ts';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let browser: Browser;
let requester: Client;
let colleague: Client;
const ids: number[] = [];

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestDesk({ smtp: false }), launchBrowser()]);
  requester = await t.as('requester@example.com');
  colleague = await t.as('manager@example.com');
  // 27 first-line incidents, two of them urgent: more than one page of 25.
  for (let i = 1; i <= 27; i++) {
    const urgent = i > 25;
    const res = await requester.post('/api/workflows/it-incident/submissions', {
      fields: { summary: `Desk phone ${i} is dead`, service: 'other', impact: urgent ? 'everyone' : 'me', urgency: urgent ? 'high' : 'low', details: 'No dial tone.' },
    });
    expect(res.status).toBe(201);
    ids.push(res.body.ticket.id);
  }
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the agent workspace', () => {
  it('pages through a long queue, filters it, and claims tickets in bulk with the counts following', async () => {
    const { context, page } = await signedIn(browser, t.url, 'agent@example.com');
    const firstLine = page.locator('nav a[data-queue="first-line"]');
    await expect.poll(() => firstLine.locator('.count').allTextContents()).toEqual(['27 open', '27 unassigned', '0 mine', '0 breaching']);
    await firstLine.click();
    const rows = page.locator('table.list tbody tr');
    await expect.poll(() => rows.count()).toBe(25);
    // Most urgent first: the two P1s lead.
    expect(await rows.nth(0).textContent()).toContain('P1');
    await page.getByRole('button', { name: /Show more/ }).click();
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toContain('P4');
    await page.getByRole('button', { name: '←' }).click();
    await expect.poll(() => rows.count()).toBe(25);

    await page.getByLabel('Priority', { exact: true }).selectOption('P1');
    await expect.poll(() => rows.count()).toBe(2);
    // Two rows fit on one page: no paging buttons.
    expect(await page.getByRole('button', { name: /Show more/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '←' }).count()).toBe(0);
    expect(page.url()).toContain('priority=P1');

    await page.getByLabel('Select every ticket on this page').check();
    await page.getByRole('button', { name: 'Assign to me' }).click();
    await page.getByRole('status').filter({ hasText: '2 tickets changed.' }).waitFor();
    await expect.poll(() => firstLine.locator('.count').allTextContents()).toEqual(['27 open', '25 unassigned', '2 mine', '0 breaching']);
    await page.getByLabel('Assignee', { exact: true }).selectOption('me');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.allTextContents()).toEqual([expect.stringContaining('Me'), expect.stringContaining('Me')]);
    await context.close();
  });

  it('saves the list’s filters as a view that picks the same tickets, and deletes it', async () => {
    const { context, page } = await signedIn(browser, t.url, 'agent@example.com');
    const rows = page.locator('table.list tbody tr');
    await page.locator('nav a[data-queue="first-line"]').click();
    await page.getByLabel('Priority', { exact: true }).selectOption('P1');
    await expect.poll(() => rows.count()).toBe(2);
    // Two rows fit on one page: no paging buttons.
    expect(await page.getByRole('button', { name: /Show more/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '←' }).count()).toBe(0);
    // The same tickets (a view keeps no sort of its own: newest first).
    const numbers = async () => (await rows.locator('a.open').allTextContents()).sort();
    const filtered = await numbers();

    await page.getByRole('button', { name: 'Save this view' }).click();
    await page.getByLabel('Name of the view').fill('Urgent first line');
    await page.getByRole('button', { name: 'Save view' }).click();
    await page.getByText('The view “Urgent first line” is saved.').waitFor();
    const link = page.getByRole('link', { name: 'Urgent first line' });
    await expect.poll(() => link.getAttribute('aria-current')).toBe('page');
    expect(page.url()).toMatch(/\/agent\?view=\d+&state=$/);
    // The view alone, with the list's own filters cleared, picks the same tickets.
    expect(await page.getByLabel('Priority', { exact: true }).inputValue()).toBe('');
    await expect.poll(numbers).toEqual(filtered);
    await expectAccessible(page, 'workspace with a saved view');
    await screenshot(page, 'agent-saved-view');

    // Opened again from the sidebar in a fresh page, then deleted after a second thought.
    await page.goto('/agent');
    await link.click();
    await expect.poll(numbers).toEqual(filtered);
    await page.getByRole('button', { name: 'Delete the view Urgent first line' }).click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByText('No saved views yet.').waitFor();
    expect(await link.count()).toBe(0);
    expect(new URL(page.url()).search).toBe('');
    expect((await (await t.as('agent@example.com')).get('/api/views')).body.items).toEqual([]);
    await context.close();
  });

  it('explains a conflict: someone else changed the ticket first; shows it as it now is and keeps the reply typed', async () => {
    const id = ids[0]!;
    const { context, page } = await signedIn(browser, t.url, 'agent@example.com');
    await page.goto(`/agent/tickets/${id}`);
    await page.getByLabel('Message').fill('Have you tried another socket?');

    // Meanwhile a colleague replies.
    const meanwhile = await colleague.post(`/api/tickets/${id}/comments`, { body: 'I am on my way with a spare phone.' });
    expect(meanwhile.status).toBe(200);

    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByRole('alert').filter({ hasText: 'Someone else changed this ticket' }).waitFor();
    await page.locator('.timeline .reply', { hasText: 'I am on my way with a spare phone.' }).waitFor();
    expect(await page.getByLabel('Message').inputValue()).toBe('Have you tried another socket?');
    expect(await page.locator('main').textContent()).not.toMatch(/409|conflict"|\{"/);
    await screenshot(page, 'agent-ticket-conflict');

    // Sent again on the new version, it goes through.
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.locator('.timeline .reply', { hasText: 'Have you tried another socket?' }).waitFor();
    await context.close();
  });

  it('shows the workspace in Simplified Chinese for a browser set to Chinese, with colleagues named as assignees', async () => {
    const managerId = (await colleague.get('/api/me')).body.user.id;
    expect((await colleague.post(`/api/tickets/${ids[2]}/assign`, { agentId: managerId })).status).toBe(200);
    const { context, page } = await signedIn(browser, t.url, 'agent@example.com', { locale: 'zh-CN' });
    await page.locator('nav h2', { hasText: '队列' }).waitFor();
    expect(await page.locator('nav a[data-queue="first-line"] .count').first().textContent()).toMatch(/^\d+ 未完成$/);
    await page.locator('nav a[data-queue="first-line"]').click();
    const row = page.locator('table.list tbody tr', { hasText: 'Desk phone 3 is dead' });
    await expect.poll(() => row.locator('[data-assignee]').textContent()).toBe('Mo Manager');
    expect(await page.getByRole('button', { name: '应用' }).count()).toBe(1);
    await expectAccessible(page, 'workspace in Chinese');
    await screenshot(page, 'agent-workspace-zh-CN');
    await context.close();
  });
});
