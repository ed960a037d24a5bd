/**
 * The desk's visual design in a real browser: the app shell's sidebar shows
 * each role its own pages; no main page of any role scrolls sideways on a
 * 390 px phone, where the queue is a list of cards; every main page is
 * axe-clean in the light theme and in the dark one the system asks for; the
 * keyboard reaches the skip link, the sidebar and the header's ticket search;
 * the SLA column says time left or over in colour; empty pages say what to
 * do next. With DESK_DOC_SCREENSHOTS=1 it refreshes docs/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docScreenshot, expectAccessible, launchBrowser, signedIn } from '../support/browser.ts';
import { startTestDesk, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let browser: Browser;
// The desk's clock: a ticket logged a week ago is past its resolution target now.
let offset = 0;
const ids: Record<string, number> = {};

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestDesk({ smtp: false, now: () => new Date(Date.now() + offset) }), launchBrowser()]);
  const requester = await t.as('requester@example.com');
  const agent = await t.as('agent@example.com');
  const submit = async (key: string, summary: string, impact: string, urgency: string) => {
    const res = await requester.post('/api/workflows/it-incident/submissions', { fields: { summary, service: 'other', impact, urgency, details: 'Seen this morning.' } });
    expect(res.status).toBe(201);
    ids[key] = res.body.ticket.id;
  };
  offset = -7 * 24 * 60 * 60 * 1000;
  await submit('overdue', 'Printer on the third floor jams on every page', 'everyone', 'medium');
  offset = 0;
  await submit('urgent', 'Nobody in the office can reach the file server', 'everyone', 'high');
  await submit('fresh', 'New starter needs a desk phone', 'me', 'low');
  await submit('resolved', 'Monitor flickers after lunch', 'me', 'medium');
  const me = (await agent.get('/api/me')).body.user.id;
  expect((await agent.post(`/api/tickets/${ids.urgent}/assign`, { agentId: me })).status).toBe(200);
  expect((await agent.post(`/api/tickets/${ids.resolved}/transitions`, { to: 'resolved', resolution: { code: 'solved', notes: 'A new cable.' } })).status).toBe(200);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** Opens a page and waits until it has loaded what it shows. */
async function visit(page: Page, path: string) {
  await page.goto(path);
  await page.locator('main h1').first().waitFor({ state: 'attached' });
  await expect.poll(() => page.locator('main').getByText('Loading…').count()).toBe(0);
}

const mainLinks = (page: Page) => page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();

// The main pages of each role, as its sidebar leads to them.
const pages: Record<string, () => string[]> = {
  'requester@example.com': () => ['/catalogue', '/catalogue/it-incident', '/my-tickets', `/my-tickets/${ids.urgent}`, '/knowledge'],
  'agent@example.com': () => ['/agent', `/agent/tickets/${ids.urgent}`],
  'specialist@example.com': () => ['/agent'],
  'manager@example.com': () => [`/agent/tickets/${ids.overdue}`, '/manager', '/manager/announcements', '/approvals'],
  'admin@example.com': () => ['/admin/workflows', '/admin/workflows/it-incident', '/admin/templates', '/admin/queues', '/admin/users'],
};

describe('the app shell and its design', () => {
  it('shows each role its own pages in the sidebar', { timeout: 40_000 }, async () => {
    const expected: Record<string, string[]> = {
      'requester@example.com': ['Ask for help', 'My tickets', 'Knowledge', 'Awaiting my approval'],
      'agent@example.com': ['Ask for help', 'My tickets', 'Knowledge', 'Workspace', 'Awaiting my approval'],
      'manager@example.com': ['Ask for help', 'My tickets', 'Knowledge', 'Workspace', 'Awaiting my approval', 'Reports', 'Announcements'],
      'admin@example.com': ['Ask for help', 'My tickets', 'Knowledge', 'Workspace', 'Awaiting my approval', 'Reports', 'Announcements', 'Workflows', 'Prepared answers', 'Templates', 'Mail channels', 'Desk settings'],
    };
    for (const [email, links] of Object.entries(expected)) {
      const { context, page } = await signedIn(browser, t.url, email);
      expect((await mainLinks(page)).map((s) => s.trim())).toEqual(links);
      await context.close();
    }
  });

  // One sign-in per role: each main page at 1280 px in the light theme and then the dark one, then at 390 px.
  for (const [email, paths] of Object.entries(pages)) {
    it(`${email}: every main page is axe-clean in the light and dark themes, and none scrolls sideways on a 390 px phone`, { timeout: 120_000 }, async () => {
      const { context, page } = await signedIn(browser, t.url, email);
      for (const path of paths()) {
        await visit(page, path);
        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
          await expectAccessible(page, `${email} ${path} (${scheme})`);
        }
        await page.emulateMedia({ colorScheme: 'light' });
        await page.setViewportSize({ width: 390, height: 844 });
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${email} ${path} on a phone`).toBeLessThanOrEqual(390);
        await page.setViewportSize({ width: 1280, height: 800 });
      }
      // The person's menu, open, in both themes.
      await page.locator('summary', { hasText: 'Profile' }).click();
      await expectAccessible(page, `${email} person menu (light)`);
      await page.emulateMedia({ colorScheme: 'dark' });
      await expectAccessible(page, `${email} person menu (dark)`);
      await context.close();
    });
  }

  it('follows the system into the dark theme', { timeout: 40_000 }, async () => {
    const { context, page } = await signedIn(browser, t.url, 'agent@example.com');
    const background = async (scheme: 'light' | 'dark') => {
      await page.emulateMedia({ colorScheme: scheme });
      return page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    };
    const luminance = (rgb: string) => rgb.match(/\d+/g)!.slice(0, 3).map(Number).reduce((a, b) => a + b, 0);
    expect(luminance(await background('light'))).toBeGreaterThan(600);
    expect(luminance(await background('dark'))).toBeLessThan(150);
    await context.close();
  });

  it('is keyboard-complete: the skip link first, then the sidebar; the header search finds tickets by text', { timeout: 40_000 }, async () => {
    const { context, page } = await signedIn(browser, t.url, 'agent@example.com');
    await visit(page, '/agent');
    // From the top of the page: the skip link first, then the header, then every sidebar link, each with a visible focus ring.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the content');
    const reached: string[] = [];
    for (let i = 0; i < 10 && reached.length < 4; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        return { inNav: Boolean(el.closest('nav[data-shell-nav]')), text: el.textContent?.trim() ?? '', outline: getComputedStyle(el).outlineStyle };
      });
      if (focused.inNav) {
        expect(focused.outline, focused.text).not.toBe('none');
        reached.push(focused.text);
      }
    }
    expect(reached).toEqual(['Ask for help', 'My tickets', 'Knowledge', 'Workspace']);
    // The skip link takes focus past the header and the sidebar, and leaves the list's filters as they were.
    await visit(page, '/agent?priority=P1');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(page.url()).toContain('priority=P1');

    // The header's search is the workspace's text search.
    await visit(page, '/catalogue');
    await page.getByRole('searchbox', { name: 'Find a ticket' }).fill('file server');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toContain('/agent?q=file+server');
    const rows = page.locator('table.list tbody tr');
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining('Nobody in the office can reach the file server')]);
    expect(await page.getByLabel('Search tickets').inputValue()).toBe('file server');
    await context.close();
  });

  it('shows the SLA as time left or over in colour, with the assignee’s initials, and the queue as cards on a phone', { timeout: 90_000 }, async () => {
    const { context, page } = await signedIn(browser, t.url, 'agent@example.com');
    await visit(page, '/agent?queue=first-line');
    const row = (text: string) => page.locator('table.list tbody tr', { hasText: text });
    const overdue = row('Printer on the third floor').locator('[data-sla]');
    await expect.poll(() => overdue.getAttribute('data-sla')).toBe('breached');
    expect(await overdue.textContent()).toMatch(/over$/);
    const onTrack = row('New starter needs a desk phone').locator('[data-sla]');
    expect(await onTrack.getAttribute('data-sla')).toBe('running');
    expect(await onTrack.textContent()).toMatch(/left$/);
    // Colour carries the state: breached and on track look different.
    const colour = (l: typeof overdue) => l.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await colour(overdue)).not.toBe(await colour(onTrack));
    expect(await row('file server').locator('.avatar').textContent()).toBe('SA');
    await docScreenshot(page, 'workspace-1280');

    await visit(page, `/agent/tickets/${ids.urgent}`);
    await docScreenshot(page, 'agent-ticket-1280');
    await context.close();

    const dark = await signedIn(browser, t.url, 'agent@example.com', { colorScheme: 'dark' });
    await visit(dark.page, '/agent?queue=first-line');
    await docScreenshot(dark.page, 'workspace-dark-1280');
    await dark.context.close();

    const phone = await signedIn(browser, t.url, 'agent@example.com', { phone: true });
    await visit(phone.page, '/agent?queue=first-line');
    const card = phone.page.locator('table.list tbody tr').first();
    // A card: one ticket's parts stacked, not a row of columns wider than the phone.
    const box = (await card.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(390);
    expect(await card.evaluate((el) => getComputedStyle(el).display)).toBe('grid');
    await docScreenshot(phone.page, 'workspace-phone');
    await phone.context.close();

    const requester = await signedIn(browser, t.url, 'requester@example.com', { phone: true });
    await visit(requester.page, '/catalogue');
    await docScreenshot(requester.page, 'catalogue-phone');
    await requester.context.close();
  });

  it('says what to do next on an empty page', { timeout: 40_000 }, async () => {
    // The manager has asked for nothing: my tickets points to the catalogue.
    const { context, page } = await signedIn(browser, t.url, 'manager@example.com');
    await visit(page, '/my-tickets');
    const empty = page.locator('[data-empty-state]');
    expect(await empty.textContent()).toContain('Nothing asked yet');
    await empty.getByRole('link', { name: 'Ask for help' }).click();
    await page.locator('h1', { hasText: 'How can we help?' }).waitFor();

    // A workspace search that finds nothing offers the way back to every active ticket.
    await visit(page, '/agent?q=nothing+like+this');
    expect(await empty.textContent()).toContain('Nothing matches these filters');
    await expectAccessible(page, 'empty workspace');
    await empty.getByRole('link', { name: 'Show all active tickets' }).click();
    await expect.poll(() => page.locator('table.list tbody tr').count()).toBeGreaterThan(0);
    expect(new URL(page.url()).search).toBe('');
    await context.close();
  });
});
