/**
 * The requester's portal in a real browser: the catalogue and its search,
 * an intake form whose conditional field comes and goes as they answer, the
 * server's messages placed on the right fields with nothing typed lost, the
 * ticket then in "my tickets"; on a phone-sized screen, and in Welsh; a
 * language and time zone chosen once follow the person to another browser;
 * files sent with a form are links on the ticket's pages, internal ones for
 * staff only.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
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

describe('the requester portal', () => {
  it('signs in, after saying plainly when the password is wrong', async () => {
    const context = await browser.newContext({ baseURL: t.url, locale: 'en-GB', bypassCSP: true });
    const page = await context.newPage();
    await page.goto('/my-tickets');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expectAccessible(page, 'sign in');
    await screenshot(page, 'sign-in');
    await page.getByLabel('E-mail address').fill('requester@example.com');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'do not match an account' }).waitFor();
    await context.close();
  });

  it('submits a form with a conditional field, shows the server’s messages on the right fields, then lists the ticket', async () => {
    const { context, page } = await signedIn(browser, t.url, 'requester@example.com', { phone: true });

    // The catalogue, grouped by kind, with search.
    await expect.poll(() => page.locator('h1').textContent()).toBe('How can we help?');
    expect(await page.locator('main h2').allTextContents()).toEqual(['Report a problem', 'Request something']);
    await expectAccessible(page, 'catalogue');
    await screenshot(page, 'portal-catalogue-phone');
    await page.getByLabel('Search the catalogue').fill('password');
    expect(await page.locator('.cards a').allTextContents()).toEqual(['Access or password help']);
    await page.getByLabel('Search the catalogue').fill('software');
    await page.getByRole('link', { name: 'Request software or hardware' }).click();

    // The software name appears only for a licence, live.
    await page.getByLabel('Summary').fill('Visio for the floor plans');
    const software = page.getByLabel(/Which software\?/);
    expect(await software.count()).toBe(0);
    await page.getByLabel(/What do you need\?/).selectOption({ label: 'Software licence' });
    await software.waitFor();
    await page.getByLabel(/What do you need\?/).selectOption({ label: 'Monitor' });
    await software.waitFor({ state: 'detached' });
    await page.getByLabel(/What do you need\?/).selectOption({ label: 'Software licence' });
    await page.getByLabel(/Why do you need it\?/).fill('I draw the office floor plans.');
    await page.getByLabel('Cost centre').fill('12345');
    // The form checks itself with the server's rules before anything is sent.
    const submissions: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/submissions')) submissions.push(r.url());
    });
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.getByRole('button', { name: 'Send' }).click();

    // Refused in the browser: each message beside its own field; nothing typed is lost, nothing sent, nothing logged.
    await page.getByRole('alert').filter({ hasText: 'Some fields need attention' }).waitFor();
    expect(submissions).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await expect.poll(() => page.locator('[data-field=software_name] .field-error').textContent()).toBe('This is required.');
    expect(await page.locator('[data-field=cost_centre] .field-error').textContent()).toBe('This does not have the expected format.');
    expect(await page.locator('[data-field=summary] .field-error').count()).toBe(0);
    expect(await page.getByLabel('Summary').inputValue()).toBe('Visio for the floor plans');
    expect(await page.getByLabel('Cost centre').inputValue()).toBe('12345');
    expect(await page.getByLabel(/Which software\?/).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'intake form with errors');
    await screenshot(page, 'portal-form-errors-phone');

    // A message goes as soon as its field is right, not at the next send.
    await page.getByLabel(/Which software\?/).fill('Microsoft Visio');
    await expect.poll(() => page.locator('[data-field=software_name] .field-error').count()).toBe(0);
    expect(await page.getByLabel(/Which software\?/).getAttribute('aria-invalid')).toBeNull();
    expect(await page.locator('[data-field=cost_centre] .field-error').textContent()).toBe('This does not have the expected format.');
    await page.getByLabel('Cost centre').fill('CC-1234');
    await expect.poll(() => page.locator('[data-field=cost_centre] .field-error').count()).toBe(0);
    expect(await page.getByRole('alert').filter({ hasText: 'Some fields need attention' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Send' }).click();

    // My tickets: the new one, with its state and priority.
    await page.locator('h1', { hasText: 'My tickets' }).waitFor();
    const sent = await page.getByRole('status').filter({ hasText: 'has been sent' }).textContent();
    const number = /REQ-\d+/.exec(sent ?? '')?.[0];
    expect(number).toBeDefined();
    expect(submissions).toHaveLength(1);
    expect(consoleErrors).toEqual([]);
    const row = page.locator('tbody tr', { hasText: number! });
    expect(await row.textContent()).toContain('Visio for the floor plans');
    expect(await row.textContent()).toContain('New');
    await expectAccessible(page, 'my tickets');
    await screenshot(page, 'portal-my-tickets-phone');
    // Nothing on a phone-sized page runs off the side.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // A ticket that is not theirs (or not there) is a sentence, never the raw answer.
    await page.goto('/my-tickets/999999');
    await page.getByRole('alert').filter({ hasText: 'could not be found, or you are not allowed to see it' }).waitFor();
    expect(await page.locator('main').textContent()).not.toMatch(/not-found|"status"|\{/);
    await context.close();
  }, 60_000);

  it('speaks Welsh to a browser set to Welsh, and keeps a chosen language', async () => {
    const { context, page } = await signedIn(browser, t.url, 'requester@example.com', { locale: 'cy-GB' });
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sut gallwn ni helpu?');
    expect(await page.locator('html').getAttribute('lang')).toBe('cy');
    expect(await page.locator('main h2').allTextContents()).toEqual(['Rhoi gwybod am broblem', 'Gofyn am rywbeth']);
    await page.getByRole('link', { name: 'Mae rhywbeth wedi torri' }).click();
    await page.getByLabel(/Beth sy'n cael ei effeithio\?/).selectOption({ label: 'Argraffydd' });
    await page.getByLabel(/Enw neu rif yr argraffydd/).waitFor();
    await page.getByRole('button', { name: 'Anfon' }).click();
    await expect.poll(() => page.locator('[data-field=printer_id] .field-error').textContent()).toBe('Mae angen hwn.');
    // A file field uploads at once and keeps the file's name in the form.
    await page.getByLabel('Sgrinluniau neu luniau').setInputFiles(fileURLToPath(new URL('../fixtures/attachments/pixel.png', import.meta.url)));
    await page.locator('[data-field=screenshots] li', { hasText: 'pixel.png' }).waitFor();
    await expectAccessible(page, 'intake form in Welsh');
    await screenshot(page, 'portal-form-welsh');

    // A language picked by hand wins over the browser's, and lasts.
    await page.locator('summary', { hasText: 'Proffil' }).click();
    await page.getByLabel('Iaith').selectOption('ro');
    await page.getByRole('link', { name: 'Tichetele mele' }).click();
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Tichetele mele');
    await context.close();
  });

  it('keeps the language and time zone a person chose with their account, in a fresh browser too, and follows the browser once signed out', async () => {
    // A ticket in the specialist's network queue (a major outage goes straight there), so the page has a time on it.
    const requester = await t.as('requester@example.com');
    const fields = { summary: 'VPN down for everyone', service: 'vpn', impact: 'everyone', urgency: 'high', details: 'Since Monday.' };
    const id = (await requester.post('/api/workflows/it-incident/submissions', { fields })).body.ticket.id;

    // One browser (English, London): Welsh and Shanghai time, chosen by hand.
    const first = await signedIn(browser, t.url, 'specialist@example.com');
    // Language, time zone and signing out are in the person's menu.
    await first.page.locator('summary', { hasText: 'Profile' }).click();
    await first.page.getByLabel('Language').selectOption('cy');
    await first.page.getByRole('link', { name: 'Gweithle' }).waitFor();
    expect(await first.page.locator('summary').textContent()).toContain('Proffil');
    await first.page.getByLabel('Cylchfa amser').selectOption('Asia/Shanghai');
    await first.page.getByText("Wedi'i gadw yn eich cyfrif.").waitFor();
    expect(await first.page.locator('[data-times-in]').textContent()).toContain('Asia/Shanghai');
    await expectAccessible(first.page, 'profile menu');
    await screenshot(first.page, 'profile-menu-welsh');
    await first.context.close();

    // A fresh profile, still an English browser in London: the account's choices win.
    const { context, page } = await signedIn(browser, t.url, 'specialist@example.com');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('cy');
    await page.getByRole('link', { name: 'Gweithle' }).waitFor();
    await page.goto(`/agent/tickets/${id}`);
    const created = page.locator('.about time');
    await created.waitFor();
    const at = (await created.getAttribute('datetime'))!;
    const inZone = (zone: string) => page.evaluate(([iso, tz]) => new Intl.DateTimeFormat('cy', { dateStyle: 'medium', timeStyle: 'short', timeZone: tz }).format(new Date(iso!)), [at, zone]);
    expect(await created.textContent()).toBe(await inZone('Asia/Shanghai'));
    expect(await inZone('Asia/Shanghai')).not.toBe(await inZone('Europe/London'));

    // Signed out, the browser's language again.
    await page.locator('summary', { hasText: 'Proffil' }).click();
    await page.getByRole('button', { name: 'Allgofnodi' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await context.close();
  });

  it('lists the files sent with a form as download links on the ticket, and internal files only to staff', async () => {
    // An earlier test chose Romanian for the requester; follow the browser again.
    const requester = await t.as('requester@example.com');
    expect((await requester.request('PATCH', '/api/me', { locale: null })).status).toBe(200);
    const pixel = fileURLToPath(new URL('../fixtures/attachments/pixel.png', import.meta.url));

    const { context, page } = await signedIn(browser, t.url, 'requester@example.com');
    await page.getByRole('link', { name: 'Something is broken' }).click();
    await page.getByLabel('Summary').fill('Screen shows stripes');
    await page.getByLabel(/What is affected\?/).selectOption({ label: 'Something else' });
    await page.getByLabel(/Who is affected\?/).selectOption({ label: 'Just me' });
    await page.getByLabel(/How urgent is it\?/).selectOption({ label: 'Low – I can work around it' });
    await page.getByLabel(/What is happening\?/).fill('Coloured stripes since the update.');
    await page.getByLabel('Screenshots or photos').setInputFiles(pixel);
    await page.locator('[data-field=screenshots] li', { hasText: 'pixel.png' }).waitFor();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('h1', { hasText: 'My tickets' }).waitFor();
    await page.getByRole('link', { name: /INC-\d+/ }).first().click();
    await page.locator('h1', { hasText: 'Screen shows stripes' }).waitFor();
    const id = Number(/\/my-tickets\/(\d+)/.exec(page.url())![1]);

    // A link with the file's name and size; it downloads the very file.
    const link = page.getByRole('link', { name: 'pixel.png' });
    const item = page.locator('li[data-attachment]', { has: link });
    expect(await item.textContent()).toMatch(/\d+ (byte|B)/);
    const download = await context.request.get((await link.getAttribute('href'))!);
    expect(download.status()).toBe(200);
    expect(Buffer.from(await download.body()).equals(readFileSync(pixel))).toBe(true);
    const [saved] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(saved.suggestedFilename()).toBe('pixel.png');
    await expectAccessible(page, 'requester ticket with files');
    await screenshot(page, 'portal-ticket-files');

    // Staff add an internal file: on their page, marked; never on the requester's.
    const agent = await t.as('agent@example.com');
    const internal = new FormData();
    internal.append('file', new Blob(['driver 31.0.101 rolled back'], { type: 'text/plain' }), 'driver-notes.txt');
    internal.append('internal', 'true');
    expect((await agent.post(`/api/tickets/${id}/attachments`, internal)).status).toBe(201);
    const staff = await signedIn(browser, t.url, 'agent@example.com');
    await staff.page.goto(`/agent/tickets/${id}`);
    await staff.page.getByRole('link', { name: 'pixel.png' }).waitFor();
    const internalItem = staff.page.locator('li[data-attachment]', { hasText: 'driver-notes.txt' });
    expect(await internalItem.textContent()).toContain('Internal: staff only');
    const internalDownload = await staff.context.request.get((await internalItem.getByRole('link').getAttribute('href'))!);
    expect(internalDownload.status()).toBe(200);
    await expectAccessible(staff.page, 'agent ticket with files');
    await staff.context.close();

    await page.reload();
    await page.getByRole('link', { name: 'pixel.png' }).waitFor();
    expect(await page.getByText('driver-notes.txt').count()).toBe(0);
    await context.close();
  });
});
