/**
 * Mail channels in a real browser, against a real IMAP server (dovecot): an
 * admin adds a channel (a bad id is named beside its field), tests the
 * connection and sees it succeed, changes the password to a wrong one and
 * sees the sign-in step named, and finds a mail the desk could not take
 * (a 100 kB subject) in the channel's failed messages, with its reason.
 * Each page is checked with axe.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, screenshot, signedIn } from '../support/browser.ts';
import { startDovecot, type Dovecot } from '../support/dovecot.ts';
import { startTestDesk, type TestDesk } from '../support/test-desk.ts';

let imap: Dovecot;
let t: TestDesk;
let browser: Browser;

beforeAll(async () => {
  [imap, t, browser] = await Promise.all([startDovecot(), startTestDesk({ env: { DESK_SECRET_KEY: 'a-test-key-of-enough-length' } }), launchBrowser()]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
  await imap?.close();
});

const mail = (headers: Record<string, string>, body: string) =>
  Object.entries({ Date: new Date().toUTCString(), 'MIME-Version': '1.0', 'Content-Type': 'text/plain; charset=utf-8', ...headers })
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n') + `\r\n\r\n${body}\r\n`;

const mapping = { summary: { var: 'subject' }, details: { var: 'body' }, service: 'other', impact: 'me', urgency: 'low' };

describe('mail channels page', () => {
  it('adds a channel, tests its connection, names the failed step, and lists a failed mail with its reason', async () => {
    const { context, page } = await signedIn(browser, t.url, 'admin@example.com');
    await page.getByRole('link', { name: 'Mail channels' }).click();
    await page.getByRole('heading', { name: 'Mail channels', level: 1 }).waitFor();
    await page.getByText('There are no mail channels yet.').waitFor();
    await expectAccessible(page, 'mail channels, empty');

    await page.getByRole('link', { name: 'New mail channel' }).click();
    await page.getByRole('heading', { name: 'New mail channel', level: 1 }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Help desk mailbox');
    await page.getByLabel('Id', { exact: true }).fill('Help Desk');
    await page.getByLabel('Mailbox address').fill('helpdesk@example.org');
    await page.getByLabel('IMAP server').fill(imap.host);
    await page.getByLabel('Port', { exact: true }).fill(String(imap.port));
    await page.getByLabel('Security').selectOption('none');
    await page.getByLabel('User name').fill(imap.user);
    await page.getByLabel('Password', { exact: true }).fill(imap.password);
    await page.getByLabel('Workflow new mail becomes').selectOption('it-incident');
    await page.getByLabel('Mapping (JSON: form field → json-logic)').fill(JSON.stringify(mapping));
    await page.getByLabel('Look for mail every (seconds, when the server has no IDLE)').fill('5');
    await page.getByRole('button', { name: 'Create the channel' }).click();

    // The desk's problem shows beside the field it is about.
    await page.locator('[data-problem-summary]').waitFor();
    const idField = page.getByLabel('Id', { exact: true });
    expect(await idField.getAttribute('aria-invalid')).toBe('true');
    expect(await idField.locator('xpath=..').locator('[data-problems]').textContent()).toContain('use lower-case letters, digits and dashes');
    await expectAccessible(page, 'mail channel, field problem');
    await idField.fill('helpdesk');
    await page.getByRole('button', { name: 'Create the channel' }).click();

    await page.getByRole('heading', { name: 'Mail channel Help desk mailbox', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/mail-channels/helpdesk');
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    await page.getByText('Leave empty to keep the stored password.').waitFor();

    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('Connected: signed in and opened the folder.').waitFor();

    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.').waitFor();
    await page.getByRole('button', { name: 'Test connection' }).click();
    const failed = page.locator('[data-test-result]');
    await failed.waitFor();
    expect(await failed.getAttribute('data-test-result')).toBe('login');
    expect(await failed.textContent()).toContain('Failed at step: sign-in (login)');
    await expectAccessible(page, 'mail channel, connection failed');

    // Back to the right password (leaving the field empty keeps it: the test fails again).
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => failed.getAttribute('data-test-result')).toBe('login');
    await page.getByLabel('Password', { exact: true }).fill(imap.password);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.').waitFor();
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('Connected: signed in and opened the folder.').waitFor();

    await imap.append(mail({ From: 'requester@example.com', To: 'helpdesk@example.org', Subject: 'x'.repeat(100_000), 'Message-ID': '<huge.1@mail.example.net>' }, 'Big subject.'));
    await expect
      .poll(
        () => page.evaluate(async () => ((await (await fetch('/api/admin/mail-channels/helpdesk/messages?status=failed')).json()) as { items: unknown[] }).items.length),
        { timeout: 30_000, interval: 200 },
      )
      .toBe(1);

    const status = page.getByLabel('Status', { exact: true });
    await status.selectOption('held');
    await page.getByText('No messages with this status.').waitFor();
    await status.selectOption('failed');
    const row = page.locator('tr[data-message][data-status="failed"]');
    await row.waitFor();
    expect(await page.locator('tr[data-message]').count()).toBe(1);
    expect(await row.textContent()).toContain('the subject is 100000 characters long');
    expect(await row.textContent()).toContain('requester@example.com');
    await expectAccessible(page, 'mail channel, failed messages');
    await screenshot(page, 'mail-channel');

    // The list shows the channel, on, and when it was last read.
    await page.getByRole('link', { name: 'All mail channels' }).click();
    const listed = page.locator('tr[data-channel="helpdesk"]');
    await listed.waitFor();
    expect(await listed.textContent()).toContain('helpdesk@example.org');
    expect(await listed.textContent()).toContain('it-incident');
    expect(await listed.textContent()).not.toContain('never');
    await expectAccessible(page, 'mail channels, one');

    // Another admin saves in between: this admin is told, and may load their version.
    await listed.getByRole('link', { name: 'Help desk mailbox' }).click();
    await page.getByRole('heading', { name: 'Mail channel Help desk mailbox', level: 1 }).waitFor();
    const otherSave = await page.evaluate(async () => {
      const { channel } = (await (await fetch('/api/admin/mail-channels/helpdesk')).json()) as { channel: Record<string, unknown> };
      const { id: _id, hasPassword: _p, lastPolledAt: _l, lastError: _e, createdAt: _c, updatedAt: _u, ...fields } = channel;
      const res = await fetch('/api/admin/mail-channels/helpdesk', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...fields, name: 'IT mailbox' }) });
      return res.status;
    });
    expect(otherSave).toBe(200);
    await page.getByLabel('Folder', { exact: true }).fill('Archive');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('[data-conflict]').getByText('Someone else changed this mail channel after you opened it').waitFor();
    await expectAccessible(page, 'mail channel, conflict');
    await page.getByRole('button', { name: 'Load their version (drop my changes)' }).click();
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('IT mailbox');
    expect(await page.getByLabel('Folder', { exact: true }).inputValue()).toBe('INBOX');

    // Deleting asks first, then the channel is gone.
    await page.getByRole('button', { name: 'Delete the channel' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByText('There are no mail channels yet.').waitFor();
    await context.close();
  });
});
