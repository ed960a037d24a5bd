/**
 * Problems in a real browser: on an incident whose words carry a problem's
 * symptom, the agent sees the known error, edits its workaround and sends
 * it, and the reply shows on the timeline; the problem's page lists the
 * incident (linked by applying the workaround) and resolves it with one
 * message. Axe clean on both pages.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, signedIn } from '../support/browser.ts';
import { startTestDesk, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let browser: Browser;
let problem: { id: number; number: string };
let incident: { id: number; number: string };

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestDesk({ smtp: false }), launchBrowser()]);
  const agent = await t.as('agent@example.com');
  const requester = await t.as('requester@example.com');
  problem = (await agent.post('/api/workflows/problem/submissions', { fields: { summary: 'Outlook crashes on shared calendars', service: 'other', impact: 'team', details: 'Since build 2311.' } })).body.ticket;
  const saved = await agent.put(`/api/problems/${problem.id}/known-error`, {
    translations: { en: { symptom: 'Outlook closes by itself when opening a shared calendar', workaround: 'Open the shared calendar in Outlook on the web.', rootCause: 'The calendar add-in leaks handles.' } },
  });
  expect(saved.status).toBe(201);
  incident = (await requester.post('/api/workflows/it-incident/submissions', { fields: { summary: 'Outlook closes when I open the shared team calendar', service: 'other', impact: 'me', urgency: 'low', details: 'Every time.' } })).body.ticket;
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('known errors on the ticket page', () => {
  it('lets the agent apply an edited workaround, then resolve the problem with its incident', async () => {
    const { context, page } = await signedIn(browser, t.url, 'agent@example.com');
    await page.goto(`/agent/tickets/${incident.id}`);
    const offers = page.getByRole('region', { name: 'Known errors that match' });
    await offers.getByText('Open the shared calendar in Outlook on the web.').waitFor();
    await expect.poll(() => offers.getByText('The calendar add-in leaks handles.').count()).toBe(1);
    await expectAccessible(page, 'incident with a known error');

    await offers.getByRole('button', { name: 'Apply workaround' }).click();
    const reply = offers.getByLabel('Reply to the requester');
    await reply.fill('Until the fix is out, please open the shared calendar in Outlook on the web.');
    await offers.getByRole('button', { name: 'Send reply' }).click();
    await offers.getByText('Workaround applied').waitFor();
    await page.locator('[data-timeline], ol, ul').getByText('Until the fix is out, please open the shared calendar in Outlook on the web.').first().waitFor();

    await page.goto(`/agent/tickets/${problem.id}`);
    const panel = page.getByRole('region', { name: 'Incidents this problem causes' });
    await panel.locator(`[data-incident="${incident.id}"]`).waitFor();
    await expectAccessible(page, 'problem with its incidents');
    await panel.getByLabel('What was fixed').fill('Rolled back the add-in.');
    await panel.getByLabel('Message to each requester').fill('Fixed: the add-in was rolled back.');
    await panel.getByRole('button', { name: 'Resolve', exact: true }).click();
    await panel.getByText('Resolved, with 1 incidents.').waitFor();
    const agent = await t.as('agent@example.com');
    expect((await agent.get(`/api/tickets/${incident.id}`)).body.ticket.statusClass).toBe('resolved');
    await context.close();
  });
});
