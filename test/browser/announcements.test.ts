/**
 * Outage notices in a real browser: a manager writes one on the
 * Announcements page; the requester sees its banner on the portal (an
 * alert, for a major outage), dismisses it for the session; on the form of
 * the affected service sees "Known outage" and presses "Me too", which
 * records them on the major incident and makes no ticket. Light and dark,
 * axe clean.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, signedIn } from '../support/browser.ts';
import { startTestDesk, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let browser: Browser;
let incident: { id: number; number: string };

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestDesk({ smtp: false }), launchBrowser()]);
  const requester = await t.as('requester@example.com');
  const res = await requester.post('/api/workflows/it-incident/submissions', { fields: { summary: 'VPN down for all', service: 'vpn', impact: 'everyone', urgency: 'high', details: 'Major' } });
  incident = res.body.ticket;
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('an outage notice', () => {
  it('is written by a manager on the Announcements page', async () => {
    const { context, page } = await signedIn(browser, t.url, 'manager@example.com');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Announcements' }).click();
    await page.getByRole('heading', { name: 'Announcements', level: 1 }).waitFor();
    await page.getByLabel('Title (English)').fill('VPN is down');
    await page.getByLabel('Text (English, Markdown)').fill('We are **on it**.');
    await page.getByLabel('Affected services').fill('vpn');
    await page.getByLabel('Major incident ticket number (optional)').fill(incident.number);
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('status').filter({ hasText: 'Announcement saved.' }).waitFor();
    const row = page.locator('tr', { hasText: 'VPN is down' });
    await row.getByText('Live').waitFor();
    await row.getByRole('link', { name: incident.number }).waitFor();
    await expectAccessible(page, 'manager announcements');
    await context.close();
  });

  it('shows as a banner on the portal, light and dark, until dismissed for the session', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { context, page } = await signedIn(browser, t.url, 'requester@example.com', { colorScheme });
      await page.goto('/catalogue');
      const banner = page.getByRole('region', { name: 'Service notices' }).getByRole('alert');
      await banner.filter({ hasText: 'VPN is down' }).waitFor();
      expect(await banner.locator('strong', { hasText: 'on it' }).count()).toBe(1);
      expect(await banner.textContent()).toContain(`Tracked as ${incident.number}`);
      await expectAccessible(page, `portal banner ${colorScheme}`);
      await banner.getByRole('button', { name: 'Dismiss this notice' }).click();
      await banner.waitFor({ state: 'detached' });
      await page.reload();
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.getByRole('link', { name: 'My tickets' }).first().waitFor();
      expect(await page.getByRole('region', { name: 'Service notices' }).count()).toBe(0);
      await context.close();
    }
  });

  it('offers "Me too" on the affected form, which joins the major incident instead of a new ticket', async () => {
    const tickets = async () => Number((await t.desk.context.db.selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await tickets();
    const { context, page } = await signedIn(browser, t.url, 'requester@example.com');
    await page.goto('/catalogue/it-incident');
    await page.getByLabel('What is affected?').waitFor();
    const outage = page.getByRole('complementary', { name: 'Known outage: VPN is down' });
    expect(await outage.count()).toBe(0);
    await page.getByLabel('What is affected?').selectOption('vpn');
    await outage.waitFor();
    await expectAccessible(page, 'known outage on the form');
    await outage.getByRole('button', { name: 'Me too' }).click();
    await outage.getByRole('status').filter({ hasText: `recorded as affected by ${incident.number}` }).waitFor();
    await context.close();

    const admin = await t.as('admin@example.com');
    const events = (await admin.get(`/api/tickets/${incident.id}`)).body.events as { type: string; data: { name: string } }[];
    expect(events.filter((e) => e.type === 'outage.affected').map((e) => e.data.name)).toEqual(['Alex Requester']);
    expect(await tickets()).toBe(before);
  });
});
