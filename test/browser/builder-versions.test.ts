/**
 * The builder's publishing and safety nets, in Chromium against a real desk:
 * the publish dialog lists exactly what changed and wants a note; an old
 * version is viewed and rolled back to; the draft saves itself, survives a
 * reload when it cannot be saved, and stops at someone else's save; and a
 * simulation from a past ticket shows its route and when each escalation
 * rule would fire.
 */
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, screenshot, signedIn } from '../support/browser.ts';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let browser: Browser;
let admin: Client;

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestDesk({ smtp: false }), launchBrowser()]);
  admin = await t.as('admin@example.com');
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const tab = (page: Page, name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) });
const withoutSchema = ({ $schema: _, ...rest }: Record<string, unknown>) => rest;

async function openBuilder(page: Page, id: string) {
  await page.goto(`/admin/workflows/${id}`);
  await page.getByRole('heading', { name: /^Workflow: / }).waitFor();
}

describe('publishing, versions and rollback', () => {
  it('shows exactly the changes in the publish dialog, wants a note, and publishes', async () => {
    const { context, page } = await signedIn(browser, t.url, 'admin@example.com');
    await openBuilder(page, 'it-incident');
    await page.getByLabel('Save automatically').uncheck();

    await page.getByRole('button', { name: 'Edit Summary' }).click();
    await page.locator('[data-edit-field="0"]').getByRole('group', { name: 'Label' }).getByLabel('English').fill('One-line summary');
    await tab(page, 'Routing').click();
    await page.locator('[data-rule="1"]').getByLabel('Send to the queue').selectOption('network');

    const opener = page.getByRole('button', { name: 'Publish…' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Publish version 2' });
    await dialog.locator('[data-diff]').waitFor();
    expect(await dialog.locator('[data-diff-item]').evaluateAll((items) => items.map((i) => i.getAttribute('data-diff-item')))).toEqual(['changed summary', 'changed 2']);
    expect(await dialog.locator('[data-diff-section="fields"]').textContent()).toContain('label.en: “Summary” → “One-line summary”');
    expect(await dialog.locator('[data-diff-section="categorise"]').textContent()).toContain('set.queue: “first-line” → “network”');
    await expectAccessible(page, 'publish dialog');
    await screenshot(page, 'builder-publish-dialog');

    // Without a note nothing is published, and the note box says why.
    await dialog.getByRole('button', { name: 'Publish version 2' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Write a change note' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('wb-note');
    expect(await dialog.getByLabel('Change note').getAttribute('aria-invalid')).toBe('true');
    expect((await admin.get('/api/admin/workflows/it-incident/versions')).body.items).toHaveLength(1);

    // Escape closes it, and focus goes back to the button that opened it.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Publish…');

    await opener.click();
    await dialog.locator('[data-diff]').waitFor();
    await dialog.getByLabel('Change note').fill('Shorter label; laptops start at first line');
    await dialog.getByRole('button', { name: 'Publish version 2' }).click();
    await page.getByRole('status').filter({ hasText: 'Version 2 is published' }).waitFor();
    const v2 = (await admin.get('/api/admin/workflows/it-incident/versions/2')).body;
    expect(v2.note).toBe('Shorter label; laptops start at first line');
    expect(v2.definition.form.fields[0].label.en).toBe('One-line summary');
    await context.close();
  }, 90_000);

  it('shows an old version with its differences from the draft, and rolls back to it as a new version', async () => {
    const { context, page } = await signedIn(browser, t.url, 'admin@example.com');
    await openBuilder(page, 'it-incident');
    await tab(page, 'Versions').click();
    await page.locator('[data-versions] tbody tr').nth(1).waitFor();
    await page.getByRole('button', { name: 'View v1' }).click();
    const view = page.locator('[data-version-view="1"]');
    await view.locator('[data-diff]').waitFor();
    expect(await view.locator('[data-diff-item]').evaluateAll((items) => items.map((i) => i.getAttribute('data-diff-item')))).toEqual(['changed summary', 'changed 2']);
    await view.getByText('The whole of v1 as JSON').click();
    expect(await view.locator('[data-version-json]').textContent()).toContain('"en": "Summary"');
    await expectAccessible(page, 'builder version view');

    await view.getByRole('button', { name: 'Roll back to v1…' }).click();
    await view.getByRole('button', { name: 'Roll back to v1' }).click();
    await view.getByRole('alert').filter({ hasText: 'Write a change note' }).waitFor();
    await view.getByLabel('Why roll back?').fill('The old label was clearer');
    await view.getByRole('button', { name: 'Roll back to v1' }).click();
    await page.getByRole('status').filter({ hasText: 'Version 3 is published, the same as version 1' }).waitFor();

    const v1 = (await admin.get('/api/admin/workflows/it-incident/versions/1')).body.definition;
    expect(withoutSchema((await admin.get('/api/admin/workflows/it-incident/export')).body)).toEqual(withoutSchema(v1));
    await expect.poll(() => page.locator('[data-versions] tbody tr').count()).toBe(3);
    expect(await page.locator('[data-version="3"]').textContent()).toContain('The old label was clearer');
    await page.locator('[data-saved]').waitFor();
    await context.close();
  }, 60_000);
});

describe('autosave', () => {
  it('saves the draft a few seconds after an edit, without pressing Save, and the edit is there after a reload', async () => {
    const { context, page } = await signedIn(browser, t.url, 'admin@example.com');
    await openBuilder(page, 'service-request');
    const revision = (await admin.get('/api/admin/workflows/service-request')).body.revision;
    await tab(page, 'Details').click();
    await page.getByRole('group', { name: 'Name' }).getByLabel('English').fill('Ask for something');
    await expect.poll(() => page.locator('[data-autosave]').textContent(), { timeout: 15_000 }).toMatch(/Saved at \d\d:\d\d/);
    const saved = (await admin.get('/api/admin/workflows/service-request')).body;
    expect(saved.revision).toBe(revision + 1);
    expect(saved.draft.name.en).toBe('Ask for something');

    await page.reload();
    await page.getByRole('heading', { name: 'Workflow: Ask for something' }).waitFor();
    await tab(page, 'Details').click();
    expect(await page.getByRole('group', { name: 'Name' }).getByLabel('English').inputValue()).toBe('Ask for something');
    expect(await page.locator('[data-restored]').count()).toBe(0);
    await context.close();
  }, 60_000);

  it('keeps an edit the desk refuses in the browser: problems said quietly, restored after a reload, discarded on request', async () => {
    const { context, page } = await signedIn(browser, t.url, 'admin@example.com');
    await openBuilder(page, 'service-request');
    await tab(page, 'Raw JSON').click();
    const raw = page.getByLabel('The whole workflow as JSON');
    const text = await raw.inputValue();
    expect(text).toContain('"sla": "office-hours"');
    await raw.fill(text.replace('"sla": "office-hours"', '"sla": "gold"'));
    await expect.poll(() => page.locator('[data-autosave]').textContent(), { timeout: 15_000 }).toContain('Not saved: 1 problem');
    const summary = page.locator('[data-problem-summary]');
    expect(await summary.textContent()).toContain('the SLA policy "gold" does not exist');
    expect(await summary.getAttribute('role')).toBeNull();
    expect((await admin.get('/api/admin/workflows/service-request')).body.draft.sla).toBe('office-hours');

    page.once('dialog', (d) => void d.accept());
    await page.reload();
    await page.locator('[data-restored]').waitFor();
    expect(await page.locator('[data-restored]').textContent()).toMatch(/Restored unsaved changes from .*\d:\d\d/);
    await tab(page, 'Raw JSON').click();
    expect(await page.getByLabel('The whole workflow as JSON').inputValue()).toContain('"sla": "gold"');
    await page.locator('[data-unsaved]').waitFor();
    await expectAccessible(page, 'builder with restored changes');

    await page.getByRole('button', { name: 'Discard them' }).click();
    await page.locator('[data-saved]').waitFor();
    expect(await page.getByLabel('The whole workflow as JSON').inputValue()).toContain('"sla": "office-hours"');
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('deskwright.builder.unsaved.')))).toEqual([]);
    await context.close();
  }, 60_000);

  it('stops at someone else’s newer save with the conflict message, and overwrites nothing', async () => {
    const { context, page } = await signedIn(browser, t.url, 'admin@example.com');
    await openBuilder(page, 'access-request');
    await page.getByLabel('Save automatically').uncheck();
    await tab(page, 'Details').click();
    await page.getByRole('group', { name: 'Name' }).getByLabel('Welsh').fill('Gofyn am fynediad');

    const current = (await admin.get('/api/admin/workflows/access-request')).body;
    const theirs = { ...current.draft, description: { en: 'Someone else’s words' } };
    expect((await admin.put(`/api/admin/workflows/access-request/draft?baseRevision=${current.revision}`, theirs)).status).toBe(200);

    await page.getByLabel('Save automatically').check();
    await page.locator('[data-conflict]').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-autosave]').textContent()).toContain('Not saved automatically');
    const stored = (await admin.get('/api/admin/workflows/access-request')).body;
    expect(stored.revision).toBe(current.revision + 1);
    expect(stored.draft.description).toEqual({ en: 'Someone else’s words' });
    expect(await page.getByRole('group', { name: 'Name' }).getByLabel('Welsh').inputValue()).toBe('Gofyn am fynediad');
    await context.close();
  }, 60_000);
});

describe('edits kept in the browser after someone else saved', () => {
  it('come back on top of the revision they started from, so saving them meets the conflict instead of overwriting', async () => {
    const { context, page } = await signedIn(browser, t.url, 'admin@example.com');
    await openBuilder(page, 'access-request');
    await page.getByLabel('Save automatically').uncheck();
    await tab(page, 'Details').click();
    await page.getByRole('group', { name: 'Description in the catalogue' }).getByLabel('Welsh').fill('Mynediad i systemau');

    const current = (await admin.get('/api/admin/workflows/access-request')).body;
    expect((await admin.put(`/api/admin/workflows/access-request/draft?baseRevision=${current.revision}`, { ...current.draft, name: { en: 'Access to systems' } })).status).toBe(200);

    page.once('dialog', (d) => void d.accept());
    await page.reload();
    await page.locator('[data-restored]').waitFor();
    await tab(page, 'Details').click();
    expect(await page.getByRole('group', { name: 'Description in the catalogue' }).getByLabel('Welsh').inputValue()).toBe('Mynediad i systemau');
    expect(await page.getByLabel('Save automatically').isChecked()).toBe(false);

    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.locator('[data-conflict]').waitFor();
    expect((await admin.get('/api/admin/workflows/access-request')).body.draft.name).toEqual({ en: 'Access to systems' });
    await page.locator('[data-conflict]').getByRole('button', { name: 'Load their version' }).click();
    await page.getByRole('button', { name: 'Put my version back' }).click();
    expect(await page.getByRole('group', { name: 'Description in the catalogue' }).getByLabel('Welsh').inputValue()).toBe('Mynediad i systemau');
    await context.close();
  }, 60_000);
});

describe('simulate from a past ticket', () => {
  it("shows the past ticket's queue and priority and when each of it-incident's escalation rules would fire", async () => {
    const requester = await t.as('requester@example.com');
    const fields = { summary: 'Wi-Fi keeps dropping', service: 'wifi', impact: 'team', urgency: 'high', details: 'Third floor, since Monday.' };
    const logged = (await requester.post('/api/workflows/it-incident/submissions', { fields })).body.ticket;

    const { context, page } = await signedIn(browser, t.url, 'admin@example.com');
    await openBuilder(page, 'it-incident');
    await tab(page, 'Form').click();
    const picker = page.locator('[data-past-ticket]');
    await picker.getByLabel('Or simulate with a past ticket’s answers').fill(logged.number);
    await picker.getByRole('button', { name: 'Find' }).click();
    await picker.getByRole('button', { name: `Simulate with ${logged.number}: Wi-Fi keeps dropping` }).click();

    const result = page.locator('[data-simulation]');
    await result.waitFor();
    expect(await result.locator('[data-sim=from]').textContent()).toContain(logged.number);
    expect(logged.queue).toBe('first-line');
    expect(await result.locator('[data-sim=queue]').textContent()).toBe('First line');
    expect(await result.locator('[data-sim=queue]').getAttribute('data-queue')).toBe(logged.queue);
    expect(await result.locator('[data-sim=priority]').textContent()).toContain(logged.priority);
    expect(logged.priority).toBe('P2');

    const rows = result.locator('[data-timeline] [data-escalation]');
    expect(await rows.evaluateAll((items) => items.map((li) => li.getAttribute('data-escalation')))).toEqual(['resolution-warning', 'resolution-breach', 'major-breach']);
    const fires = await rows.locator('[data-fires]').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-fires')));
    const start = Date.parse(fires[1]!) - 480 * 60_000;
    // A P2 on the 24×7 standard policy: 80% of 480 minutes, the due time, two hours after it.
    expect(fires.map((f) => (Date.parse(f!) - start) / 60_000)).toEqual([384, 480, 600]);
    expect(await rows.nth(0).textContent()).toMatch(/\d:\d\d.*6 hr 24 min/);
    expect(await rows.nth(1).textContent()).toContain('an internal note; mail (sla-breach)');
    await expectAccessible(page, 'simulation from a past ticket');
    await screenshot(page, 'builder-simulation-timeline');
    await result.locator('[data-timeline]').screenshot({ path: fileURLToPath(new URL('../../test-artifacts/builder-simulation-result.png', import.meta.url)) });
    await context.close();
  }, 60_000);
});
