/**
 * The manager's desk in a real browser: a manager opens Reports, sees today's
 * numbers per queue and the period's charts with the tables behind them,
 * narrows the period to one week, and downloads a report as CSV holding what
 * the table shows. Axe finds nothing serious on the page.
 */
import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, screenshot, signedIn } from '../support/browser.ts';
import { startTestDesk, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let browser: Browser;
let page: Page;

const incident = (summary: string) => ({ fields: { summary, service: 'other', impact: 'me', urgency: 'medium', details: 'It started this morning.' } });
const londonDate = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestDesk({ smtp: false }), launchBrowser()]);
  const [requester, agent] = await Promise.all([t.as('requester@example.com'), t.as('agent@example.com')]);
  const one = (await requester.post('/api/workflows/it-incident/submissions', incident('Printer jams on floor two'))).body.ticket;
  await requester.post('/api/workflows/it-incident/submissions', incident('Monitor flickers'));
  await agent.post(`/api/tickets/${one.id}/comments`, { body: 'Cleared the jam; try again?', internal: false });
  const resolved = await agent.post(`/api/tickets/${one.id}/transitions`, { to: 'resolved', resolution: { code: 'solved', notes: 'Cleared the paper jam.' } });
  expect(resolved.status).toBe(200);
  expect((await requester.post(`/api/tickets/${one.id}/confirm`, { rating: 4, comment: 'Sorted quickly' })).status).toBe(200);
  ({ page } = await signedIn(browser, t.url, 'manager@example.com'));
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const main = () => page.getByRole('main');

describe("the manager's desk", () => {
  it('shows today per queue, the charts and their tables, a narrower period, and CSV that matches the table', async () => {
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: "Manager's desk", level: 1 }).waitFor();

    // Live: the first-line queue has the unresolved ticket.
    const live = main().getByRole('table', { name: 'Today per queue' });
    await expect.poll(() => live.getByRole('row', { name: /First line/ }).textContent()).toMatch(/First line\s*1\s*1/);

    // A chart for each period report, with the data behind it as a table.
    for (const name of ['Created and resolved per day', 'SLA targets met per queue and priority', 'Satisfaction']) {
      await expect.poll(() => main().getByRole('img', { name }).count()).toBe(1);
    }
    expect(await main().locator('canvas').count()).toBeGreaterThanOrEqual(3);
    const today = londonDate(new Date());
    await main().getByText('The data behind this chart').click();
    const volume = main().getByRole('table', { name: 'Created and resolved per day' });
    expect(await volume.locator('tbody tr').count()).toBe(30);
    expect(await volume.getByRole('row', { name: new RegExp(`^${today}`) }).locator('td').allTextContents()).toEqual(['2', '1', '1']);
    expect(await main().getByText('Average rating 4 from 1 responses.').count()).toBe(1);
    expect(await main().getByRole('table', { name: 'Satisfaction comments' }).textContent()).toContain('Sorted quickly');
    await expectAccessible(page, 'reports');
    await screenshot(page, 'manager-reports');

    // One week instead of thirty days.
    const weekAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10);
    await main().getByLabel('From').fill(weekAgo);
    await main().getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => volume.locator('tbody tr').count()).toBe(7);
    expect(await volume.locator('tbody tr th').first().textContent()).toBe(weekAgo);

    // The CSV download holds the table's rows.
    const [download] = await Promise.all([page.waitForEvent('download'), main().getByRole('link', { name: 'Download Created and resolved per day as CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`volume-${weekAgo}-${today}.csv`);
    const csv = readFileSync((await download.path())!, 'utf8').trimEnd().split('\r\n');
    expect(csv[0]).toBe('date,created,resolved,backlog');
    expect(csv).toHaveLength(8);
    expect(csv[7]).toBe(`${today},2,1,1`);
  });

  it('is not offered to an agent, whose browser is refused the reports', async () => {
    const { context, page: agentPage } = await signedIn(browser, t.url, 'agent@example.com');
    expect(await agentPage.getByRole('link', { name: 'Reports' }).count()).toBe(0);
    const res = await agentPage.request.get('/api/reports/volume');
    expect(res.status()).toBe(403);
    await context.close();
  });
});
