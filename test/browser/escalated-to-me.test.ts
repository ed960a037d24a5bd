/**
 * A manager opening the workspace sees what first line escalated to them:
 * "Escalated to me" with its count, and the list of those tickets, each
 * marked; reached by keyboard, axe clean.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, signedIn } from '../support/browser.ts';
import { startTestDesk, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let browser: Browser;

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestDesk({ smtp: false }), launchBrowser()]);
  const requester = await t.as('requester@example.com');
  const agent = await t.as('agent@example.com');
  for (const summary of ['Boardroom screen dead', 'Projector bulb gone']) {
    const { ticket } = (await requester.post('/api/workflows/it-incident/submissions', { fields: { summary, service: 'other', impact: 'team', urgency: 'medium', details: 'x' } })).body;
    if (summary.startsWith('Boardroom')) expect((await agent.post(`/api/tickets/${ticket.id}/escalate`, { kind: 'hierarchical', reason: 'The AV contract lapsed' })).status).toBe(200);
  }
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('escalated to me', () => {
  it('shows the manager a count, the list, and the marker', async () => {
    const { context, page } = await signedIn(browser, t.url, 'manager@example.com');
    const link = page.locator('[data-escalated-to-me]');
    await expect.poll(() => link.textContent()).toMatch(/Escalated to me\s*1/);
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/escalated=me/);
    const rows = page.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Boardroom screen dead');
    expect(await rows.first().locator('[data-escalated-to-manager]').textContent()).toBe('Escalated to manager');
    await expectAccessible(page, 'escalated-to-me');
    await context.close();
  });

  it('shows an agent who manages no queue no such entry', async () => {
    const { context, page } = await signedIn(browser, t.url, 'agent@example.com');
    await page.locator('[data-queue="first-line"]').waitFor();
    expect(await page.locator('[data-escalated-to-me]').count()).toBe(0);
    await context.close();
  });
});
