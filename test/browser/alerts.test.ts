/**
 * Alerts in a real browser: an admin creates an Alertmanager source and
 * copies its token (shown once), which then lets Alertmanager's payload in;
 * an agent works the alerts awaiting validation with the keyboard alone,
 * turning one into an incident and dismissing another with a reason, and
 * the incident's page shows its alert. Each page is checked with axe.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, screenshot, signedIn } from '../support/browser.ts';
import { startTestDesk, type TestDesk } from '../support/test-desk.ts';

const firing = JSON.parse(readFileSync(new URL('../fixtures/alerts/disk-running-full.firing.json', import.meta.url), 'utf8'));

let t: TestDesk;
let browser: Browser;
let token = '';

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestDesk({ smtp: false }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const post = (body: unknown) =>
  fetch(`${t.url}/api/alerts/prometheus-prod`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });

const info = (n: number) => ({
  ...firing.alerts[0],
  labels: { alertname: 'CertificateExpiresSoon', instance: `web-${n}`, severity: 'info' },
  annotations: { summary: `Certificate of web-${n} expires in 20 days` },
  fingerprint: `cccc00000000000${n}`,
});

describe('alert sources page', () => {
  it('creates a source and copies its token, which Alertmanager then posts with', async () => {
    const { context, page } = await signedIn(browser, t.url, 'admin@example.com');
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('link', { name: 'Desk settings' }).click();
    await page.getByRole('navigation', { name: 'Admin pages' }).getByRole('link', { name: 'Alert sources' }).click();
    await page.getByRole('heading', { name: 'Alert sources', level: 1 }).waitFor();
    await page.getByText('There are no alert sources yet.').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Prometheus prod');
    expect(await page.getByLabel('Id (in the address)').inputValue()).toBe('prometheus-prod');
    await page.getByLabel('Workflow its incidents go to').selectOption('infrastructure-alert');
    await expectAccessible(page, 'alert sources, empty');
    await page.getByRole('button', { name: 'Create the source' }).click();

    await page.getByText('The source "Prometheus prod" is ready.').waitFor();
    token = await page.locator('input[data-token]').inputValue();
    expect(token).toMatch(/^dwa_/);
    await page.getByRole('button', { name: 'Copy the token' }).click();
    await page.getByText('Copied to the clipboard.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    await page.locator('tr[data-source="prometheus-prod"]').waitFor();
    expect(await page.locator('tr[data-source="prometheus-prod"]').textContent()).toContain('/api/alerts/prometheus-prod');
    await expectAccessible(page, 'alert sources, token shown');
    await screenshot(page, 'alert-sources');

    const res = await post(firing);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { results: { outcome: string }[] }).results.map((r) => r.outcome)).toEqual(['created', 'created', 'created']);

    // The log finds the alerts by what they say.
    await page.getByRole('link', { name: 'Alert log' }).click();
    await page.getByRole('heading', { name: 'Alert log', level: 1 }).waitFor();
    await page.getByLabel('Find in alerts').fill('sda2');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.locator('tr[data-log]').count()).toBe(1);
    expect(await page.locator('tr[data-log]').textContent()).toContain('created');
    await expectAccessible(page, 'alert log');
    await context.close();
  });
});

describe('alerts awaiting validation', () => {
  let page: Page;

  it('are counted in the sidebar and worked by keyboard: one becomes an incident, one is dismissed', async () => {
    expect((await post({ ...firing, alerts: [info(1), info(2)] })).status).toBe(200);
    ({ page } = await signedIn(browser, t.url, 'agent@example.com'));
    const sidebarLink = page.locator('a[data-awaiting-alerts]');
    await expect.poll(() => sidebarLink.textContent()).toContain('2 waiting');
    await sidebarLink.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Alerts awaiting validation', level: 1 }).waitFor();
    await page.locator('li[data-alert]').first().waitFor();
    await expectAccessible(page, 'alerts awaiting validation');
    await screenshot(page, 'alerts-awaiting');

    const first = page.locator('li[data-alert]').filter({ hasText: 'web-1' });
    await first.getByRole('button', { name: 'Open an incident' }).focus();
    await page.keyboard.press('Enter');
    const made = page.getByRole('status').filter({ hasText: 'was opened for the alert' });
    await made.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('status');

    const second = page.locator('li[data-alert]').filter({ hasText: 'web-2' });
    await second.getByRole('button', { name: 'Dismiss…' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toMatch(/^alert-\d+-dismiss$/);
    await page.keyboard.type('Renewal already booked');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'The alert was dismissed.' }).waitFor();
    await page.getByText('No alerts are waiting.').waitFor();
    await page.getByRole('link', { name: 'Back to the list' }).click();
    await expect.poll(() => sidebarLink.textContent()).toContain('0 waiting');
  }, 60_000);

  it("shows the incident's alert on its page, with a link to where it came from", async () => {
    const admin = await t.as('admin@example.com');
    const log = (await admin.get('/api/admin/alert-log?outcome=created')).body.items;
    const id = log[0].ticketId as number;
    await page.goto(`/agent/tickets/${id}`);
    const section = page.getByRole('region', { name: 'Alerts' });
    await section.waitFor();
    expect(await section.locator('[data-count]').first().textContent()).toBe('1');
    expect(await section.getByRole('link', { name: 'Where the alert came from' }).getAttribute('href')).toBe(firing.alerts[0].generatorURL);
    await expectAccessible(page, 'incident with its alerts');
  });
});
