/**
 * A ticket's whole life in real browsers, one person at a time: the
 * requester asks; first line finds it through the queue counts, claims it,
 * replies, adds an internal note and escalates; second line resolves it;
 * the requester reads the reply (never the note) and confirms with a rating.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, screenshot, signedIn } from '../support/browser.ts';
import { startTestDesk, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let browser: Browser;

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestDesk({ smtp: false }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const reply = 'Which version of Visio do you need: Standard or Professional?';
const note = 'Licence pool is empty; devices team must buy one (PO-7731)';

/** The text of the sidebar entry of a queue, counts included. */
const queueEntry = (page: Page, queue: string) => page.locator(`nav a[data-queue="${queue}"]`);

describe('a ticket from request to rated resolution, through the UI', () => {
  let number = '';
  let ticketUrl = '';

  it('the requester asks for a software licence', async () => {
    const { context, page } = await signedIn(browser, t.url, 'requester@example.com');
    await page.getByRole('link', { name: 'Request software or hardware' }).click();
    await page.getByLabel('Summary').fill('Visio for the floor plans');
    await page.getByLabel(/What do you need\?/).selectOption({ label: 'Software licence' });
    await page.getByLabel(/Which software\?/).fill('Microsoft Visio');
    await page.getByLabel(/Why do you need it\?/).fill('I draw the office floor plans.');
    await page.getByRole('button', { name: 'Send' }).click();
    const sent = await page.getByRole('status').filter({ hasText: 'has been sent' }).textContent();
    number = /REQ-\d+/.exec(sent ?? '')![0];
    await context.close();
  }, 60_000);

  it('first line finds it in the first-line queue by its counts, claims it, replies, notes and escalates', async () => {
    const { context, page } = await signedIn(browser, t.url, 'agent@example.com');
    await page.waitForURL('**/agent');
    await expect.poll(() => queueEntry(page, 'first-line').textContent()).toContain('1 open');
    expect(await queueEntry(page, 'first-line').textContent()).toContain('1 unassigned');
    expect(await queueEntry(page, 'first-line').locator('.count').allTextContents()).toEqual(['1 open', '1 unassigned', '0 mine', '0 breaching']);
    await expectAccessible(page, 'agent workspace');
    await screenshot(page, 'agent-workspace');

    await queueEntry(page, 'first-line').click();
    await page.locator('table.list tbody tr', { hasText: number }).waitFor();
    // Keyboard: / searches, j moves to the first ticket, Enter opens it.
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
    await page.keyboard.type('Visio');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('table.list tbody tr').count()).toBe(1);
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('j');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(number);
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: number }).waitFor();
    ticketUrl = new URL(page.url()).pathname;

    // SLA badges with the business time left, and the requester.
    expect(await page.locator('[data-sla]').first().textContent()).toMatch(/Response: (on track|due soon|paused), .*left|Response: paused/);
    expect(await page.locator('.about').textContent()).toContain('Alex Requester');

    await page.getByRole('button', { name: 'Claim' }).click();
    await expect.poll(() => page.locator('[data-assignee]').textContent()).toBe('You');
    // Taking it reads as that, not "You assigned it to You".
    await page.locator('.timeline li[data-event="ticket.assigned"]', { hasText: 'You took it' }).waitFor();
    expect(await page.locator('.timeline').textContent()).not.toContain('assigned it to You');

    // The requester now sees who is on it (by name only) and when to expect a reply.
    const asker = await signedIn(browser, t.url, 'requester@example.com');
    await asker.page.goto(ticketUrl.replace('/agent/tickets/', '/my-tickets/'));
    const expect_ = asker.page.locator('[data-expect]');
    await expect.poll(() => expect_.locator('[data-assignee]').textContent()).toBe('Sam Agent is working on it.');
    expect(await expect_.locator('[data-expected]').textContent()).toMatch(/^Expect a reply by .*\d/);
    expect(await asker.page.locator('main').textContent()).not.toContain('agent@example.com');
    await asker.context.close();

    await page.getByLabel('Message').fill(reply);
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.locator('.timeline .reply', { hasText: reply }).waitFor();

    await page.getByRole('radio', { name: 'Internal note' }).check();
    await page.getByLabel('Message').fill(note);
    await page.getByRole('button', { name: 'Add note' }).click();
    const noteItem = page.locator('.timeline li.note', { hasText: note });
    await noteItem.waitFor();
    expect(await noteItem.textContent()).toContain('Internal note');

    await page.getByRole('button', { name: 'Escalate' }).click();
    await page.getByLabel('Escalate to').selectOption({ label: 'End-user devices' });
    await page.getByLabel('Reason').fill('Needs a licence bought by the devices team');
    await page.locator('form').getByRole('button', { name: 'Escalate' }).click();
    await expect.poll(() => page.locator('[data-queue]').last().textContent()).toBe('End-user devices');
    await page.getByText('Your group escalated this ticket').waitFor();
    expect(await page.locator('.timeline').textContent()).toContain('escalated it to End-user devices');
    await expectAccessible(page, 'agent ticket');
    await screenshot(page, 'agent-ticket');
    await context.close();
  }, 60_000);

  it('second line resolves it, after being told what resolving needs', async () => {
    const { context, page } = await signedIn(browser, t.url, 'specialist@example.com');
    await expect.poll(() => queueEntry(page, 'end-user-devices').textContent()).toContain('1 unassigned');
    await page.goto(ticketUrl);
    await page.getByRole('button', { name: 'Move to Resolved' }).click();
    // What resolving requires is marked so before anyone tries.
    expect(await page.getByRole('textbox', { name: 'What was done (required)', exact: true }).getAttribute('aria-required')).toBe('true');
    await page.getByRole('combobox', { name: 'Resolution (required)', exact: true }).selectOption({ label: 'Solved' });
    await page.locator('form[data-transition=resolved]').getByRole('button', { name: 'Move to Resolved' }).click();
    // The server's 422 lands beside the notes.
    await expect.poll(() => page.locator('#err-notes').textContent()).toBe('This is required.');
    await page.getByLabel('What was done').fill('Bought a Visio Standard licence and installed it.');
    await page.locator('form[data-transition=resolved]').getByRole('button', { name: 'Move to Resolved' }).click();
    await expect.poll(() => page.locator('.facts .state').textContent()).toBe('Resolved');
    await context.close();
  }, 60_000);

  it('the requester sees the reply but never the note, and confirms with a rating', async () => {
    const { context, page } = await signedIn(browser, t.url, 'requester@example.com', { phone: true });
    await page.getByRole('link', { name: 'My tickets' }).click();
    const row = page.locator('tbody tr', { hasText: number });
    expect(await row.textContent()).toContain('Resolved');
    await row.getByRole('link').click();
    await page.locator('.timeline .reply', { hasText: reply }).waitFor();
    const pageText = await page.locator('main').textContent();
    expect(pageText).not.toContain('PO-7731');
    expect(pageText).not.toContain('Internal note');
    expect(pageText).not.toContain('escalated');
    // The resolution once, above the conversation, not again inside it.
    expect(pageText?.split('Bought a Visio Standard licence').length).toBe(2);
    expect(await page.locator('.timeline').textContent()).not.toContain('Bought a Visio Standard licence');
    expect(await page.locator('.timeline li[data-event="ticket.resolved"]').count()).toBe(1);
    await expectAccessible(page, 'requester ticket');
    await screenshot(page, 'portal-ticket-resolved-phone');

    await page.getByRole('button', { name: 'Yes, it is fixed' }).click();
    await page.getByRole('radio', { name: '4 out of 5' }).check();
    await page.getByLabel('Anything you would like to add?').fill('Quick, thanks!');
    await page.getByRole('button', { name: 'Confirm and close' }).click();
    await page.getByText('Thank you. The ticket is closed.').waitFor();
    expect(await page.locator('main').textContent()).toContain('Your rating: 4 out of 5');
    await context.close();
  }, 60_000);
});
