/**
 * An approver says yes or no in the browser: from the mail's one-click link
 * (no sign-in; a phone in dark mode), which then reads as already used and
 * refuses a forged token, and from "Awaiting my approval" once signed in.
 * Real desk, SQLite file, SMTP catcher and Chromium; axe clean on both pages.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, signedIn } from '../support/browser.ts';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let browser: Browser;
let admin: Client;
let requester: Client;

const accessRequest = (summary: string) => ({
  fields: { summary, request_type: 'new-access', system: 'finance-system', access_level: 'admin', manager_email: 'manager@example.com', urgency: 'medium' },
});
const submit = async (summary: string) => {
  const res = await requester.post('/api/workflows/access-request/submissions', accessRequest(summary));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.ticket as { id: number; number: string };
};
const stateOf = async (id: number) => (await admin.get(`/api/tickets/${id}`)).body.ticket.statusClass as string;

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestDesk(), launchBrowser()]);
  [admin, requester] = await Promise.all([t.as('admin@example.com'), t.as('requester@example.com')]);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('approvals in the browser', () => {
  it('approves from the mail link once, then the link reads as used; a forged link is refused', async () => {
    const ticket = await submit('Admin on the finance system');
    expect(await stateOf(ticket.id)).toBe('pending-approval');
    await t.desk.dispatcher!.drain();
    const mail = await t.mail.waitFor((m) => m.to.includes('manager@example.com') && m.subject.includes(ticket.number) && m.subject.includes('Your approval is needed'));
    const path = /\/approve\/\S+/.exec(mail.text)![0];

    const context = await browser.newContext({ baseURL: t.url, locale: 'en-GB', viewport: { width: 390, height: 844 }, colorScheme: 'dark', bypassCSP: true });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(path);
    const summary = page.locator('[data-approval-summary]');
    await summary.waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await page.locator('h1').textContent()).toBe('Approval requested');
    const shown = await summary.textContent();
    expect(shown).toContain(ticket.number);
    expect(shown).toContain('Admin on the finance system');
    expect(shown).toContain('Alex Requester');
    expect(shown).toContain('manager');
    // Looking decided nothing.
    expect(await stateOf(ticket.id)).toBe('pending-approval');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(page, 'approval link');

    await page.locator('[data-choice="approve"]').check();
    await page.locator('textarea').fill('Needed for the year end');
    await page.locator('[data-confirm]').click();
    expect(await page.locator('[data-decided]').textContent()).toBe(`You approved ${ticket.number}. Thank you.`);
    expect(await stateOf(ticket.id)).not.toBe('pending-approval');
    const { events } = (await admin.get(`/api/tickets/${ticket.id}`)).body;
    expect(events.find((e: { type: string }) => e.type === 'approval.decided').data).toMatchObject({ decision: 'approved', comment: 'Needed for the year end' });

    await page.reload();
    await page.locator('[data-link-used]').waitFor();
    expect(await page.locator('h1').textContent()).toBe('This link has already been used');
    expect(await page.locator('[data-link-used]').textContent()).toContain('you approved it');
    expect(await page.locator('[data-decision-form]').count()).toBe(0);

    await page.goto(path.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')));
    expect(await page.locator('[data-link-refused]').textContent()).toContain('This approval link is not valid');
    await context.close();
  });

  it('rejects from "Awaiting my approval", with the reason, and the list is then empty', async () => {
    const ticket = await submit('Admin on payroll');
    const mine = await signedIn(browser, t.url, 'requester@example.com');
    await mine.page.goto('/my-tickets');
    const row = mine.page.locator('tbody tr', { hasText: ticket.number });
    expect(await row.locator('.badge.state').textContent()).toBe('Awaiting approval');
    await mine.context.close();
    const { context, page } = await signedIn(browser, t.url, 'manager@example.com');
    await page.locator('nav[data-shell-nav] a[href="/approvals"]').click();
    const item = page.locator(`[data-approval="${ticket.number}"]`);
    expect(await item.locator('h2').textContent()).toBe(`${ticket.number} · Admin on payroll`);
    expect(await item.textContent()).toContain('Alex Requester');
    await expectAccessible(page, 'awaiting my approval');

    await item.locator('[data-choice="reject"]').check();
    await item.locator('textarea').fill('Read access is enough');
    await item.locator('[data-confirm]').click();
    expect(await page.locator('[data-decided]').textContent()).toBe(`You rejected ${ticket.number}. The requester has been told.`);
    await page.locator('[data-empty-state]').waitFor();
    expect(await item.count()).toBe(0);
    expect(await stateOf(ticket.id)).toBe('closed');
    await expectAccessible(page, 'awaiting my approval, empty');
    await context.close();
  });
});
