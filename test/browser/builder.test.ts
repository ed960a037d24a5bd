/**
 * The no-code builder in a real browser: an admin makes a "new starter"
 * workflow from scratch (three fields, one shown only when another is
 * ticked; a rule routing laptops to end-user devices at P3; an
 * acknowledgement mail; both rules built with the visual condition editor),
 * simulates a submission and sees the queue,
 * priority and rendered subject with nothing written, publishes it, and a
 * requester's ticket then lands in that queue. A broken rule is shown at
 * its row and cannot be published; a draft another admin saved first is a
 * conflict the admin resolves without losing their edit; unsaved changes
 * hold navigation; the visual tabs change nothing they do not show.
 */
import { readFileSync } from 'node:fs';
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

const laptopRule = '{"==": [{"var": "fields.needs_laptop"}, true]}';

/** The open field editor of the form tab's row `i` (0-based). */
const fieldEditor = (page: Page, i: number) => page.locator(`[data-edit-field="${i}"]`);
const preview = (page: Page) => page.locator('[data-preview]');
const tab = (page: Page, name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) });

/** Whether an element's top shows on screen, inside every scrolling box around it and the window. */
function inView(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((el) => {
    const box = el.getBoundingClientRect();
    const seen = (r: { top: number; bottom: number }) => box.top >= r.top - 1 && box.top + 10 <= r.bottom + 1;
    if (!seen({ top: 0, bottom: window.innerHeight })) return false;
    for (let p = el.parentElement; p; p = p.parentElement) {
      if (p.scrollHeight > p.clientHeight && getComputedStyle(p).overflowY !== 'visible' && !seen(p.getBoundingClientRect())) return false;
    }
    return true;
  });
}

async function ticketCount(): Promise<number> {
  const res = await admin.get('/api/tickets?limit=100');
  return res.body.items.length;
}

describe('the workflow builder', () => {
  it('builds a new-starter workflow from scratch, simulates it, publishes it, and a requester uses it', async () => {
    const { context, page } = await signedIn(browser, t.url, 'admin@example.com');

    // The list: every shipped workflow, published, with who changed it last.
    await page.getByRole('link', { name: 'Workflows' }).click();
    await page.getByRole('heading', { name: 'Workflows', level: 1 }).waitFor();
    await expect.poll(() => page.locator('tr[data-workflow="it-incident"] [data-status]').textContent()).toBe('Published v1');
    expect(await page.locator('tr[data-workflow]').count()).toBe(6);
    expect(await page.locator('tr[data-workflow="it-incident"] a[download]').getAttribute('href')).toBe('/api/admin/workflows/it-incident/export');
    // The desk settings menu is here too, with Workflows as the page shown.
    const deskNav = page.getByRole('navigation', { name: 'Admin pages' });
    expect(await deskNav.getByRole('link', { name: 'Workflows' }).getAttribute('aria-current')).toBe('page');
    expect(await deskNav.getByRole('link', { name: 'Queues' }).getAttribute('href')).toBe('/admin/queues');
    await expectAccessible(page, 'workflows list');

    // A new workflow from scratch: the id follows the name.
    await page.getByRole('button', { name: 'New workflow' }).click();
    await page.getByLabel('Name', { exact: true }).fill('New starter');
    expect(await page.getByLabel('Id', { exact: true }).inputValue()).toBe('new-starter');
    await page.getByLabel('Kind').selectOption('request');
    // A blank workflow starts routed to a first-line queue, under the SLA policy chosen here.
    expect(await page.getByLabel('Default queue').inputValue()).toBe('first-line');
    await page.getByLabel('SLA policy').selectOption({ label: 'Standard' });
    await expectAccessible(page, 'new workflow form');
    await screenshot(page, 'builder-list-new');
    await page.getByRole('button', { name: 'Create and open' }).click();
    await page.getByRole('heading', { name: 'Workflow: New starter' }).waitFor();
    expect(page.url()).toMatch(/\/admin\/workflows\/new-starter$/);
    expect(await page.locator('[data-status]').textContent()).toContain('Draft, never published');
    // Saved by hand here, so the revisions below are the ones the admin made (autosave: builder-versions.test.ts).
    await page.getByLabel('Save automatically').uncheck();

    // Field 1: the starter's summary, relabelled in English and Welsh.
    await page.getByRole('button', { name: 'Edit Summary' }).click();
    await fieldEditor(page, 0).getByRole('group', { name: 'Label' }).getByLabel('English').fill("New starter's name");
    await fieldEditor(page, 0).getByRole('group', { name: 'Label' }).getByLabel('Welsh').fill("Enw'r aelod newydd o staff");
    await page.locator('[data-unsaved]').waitFor();

    // Field 2: a tick box.
    await page.getByRole('button', { name: '+ Tick box' }).click();
    await fieldEditor(page, 1).getByLabel('Key').fill('needs_laptop');
    await fieldEditor(page, 1).getByRole('group', { name: 'Label' }).getByLabel('English').fill('Needs a laptop');

    // Field 3: a choice, shown only when a laptop is needed.
    await page.getByRole('button', { name: '+ Choice from a list' }).click();
    const third = fieldEditor(page, 2);
    await third.getByLabel('Key').fill('laptop_type');
    await third.getByRole('group', { name: 'Label' }).getByLabel('English').fill('Laptop type');
    await third.getByLabel('Value of option 1').fill('standard');
    await third.getByLabel('Option 1 in English').fill('Standard laptop');
    await third.getByRole('button', { name: 'Add an option' }).click();
    await third.getByLabel('Value of option 2').fill('developer');
    await third.getByLabel('Option 2 in English').fill('Developer laptop');
    // Shown only when a laptop is needed: built with the condition editor, not typed as JSON.
    const showWhen = third.getByRole('group', { name: 'Show only when' });
    expect(await showWhen.locator('[data-always]').count()).toBe(1);
    await showWhen.getByRole('button', { name: 'Add a condition to the rule' }).click();
    await showWhen.getByLabel('What condition 1 checks').selectOption({ label: 'Needs a laptop' });
    expect(await showWhen.getByLabel('How condition 1 compares').inputValue()).toBe('==:true');

    // The live preview is the portal's form: the laptop type comes and goes with the tick.
    await preview(page).getByLabel(/New starter's name/).waitFor();
    expect(await preview(page).getByLabel('Laptop type').count()).toBe(0);
    await preview(page).getByLabel('Needs a laptop').check();
    await preview(page).getByLabel('Laptop type').waitFor();
    await preview(page).getByLabel('Needs a laptop').uncheck();
    await preview(page).getByLabel('Laptop type').waitFor({ state: 'detached' });

    // Order: drag the choice above the tick box, then put it back with the arrow button.
    const order = () => page.locator('[data-field-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-field-row')));
    await page.getByRole('button', { name: 'Close Laptop type' }).click();
    await page.locator('[data-field-row="summary"]').scrollIntoViewIfNeeded();
    await page.locator('[data-field-row="laptop_type"] .handle').dragTo(page.locator('[data-field-row="needs_laptop"]'));
    await expect.poll(order).toEqual(['summary', 'laptop_type', 'needs_laptop']);
    await page.getByRole('button', { name: 'Move Laptop type down' }).click();
    await expect.poll(order).toEqual(['summary', 'needs_laptop', 'laptop_type']);
    // Now last, its ↓ is disabled: focus stays on the row, on its ↑.
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id);
    await expect.poll(focused).toBe('Move Laptop type up');
    await expectAccessible(page, 'builder form tab');
    await screenshot(page, 'builder-form');

    // Routing: laptops go to end-user devices at P3.
    await tab(page, 'Routing').click();
    await page.getByRole('button', { name: 'Add a rule' }).click();
    const rule = page.locator('[data-rule="0"]');
    const when = rule.getByRole('group', { name: 'When' });
    await when.getByRole('button', { name: 'Add a condition to the rule' }).click();
    await when.getByLabel('What condition 1 checks').selectOption({ label: 'Needs a laptop' });
    await when.getByLabel('How condition 1 compares').selectOption({ label: 'is ticked' });
    await rule.getByLabel('Set the category').fill('onboarding');
    await rule.getByLabel('Send to the queue').selectOption({ label: 'End-user devices' });
    await rule.getByLabel('Set the priority').selectOption({ label: 'P3 medium' });
    expect(await page.getByLabel('Default queue').inputValue()).toBe('first-line');
    // A rule added by mistake and removed: focus goes to the rule before it, not the top of the page.
    await page.getByRole('button', { name: 'Add a rule' }).click();
    await page.getByRole('button', { name: 'Remove rule 2' }).click();
    await expect.poll(focused).toBe('wb-rule-0');
    await expectAccessible(page, 'builder routing tab');

    // SLA: the desk's policies, with their targets.
    await tab(page, 'SLA').click();
    expect(await page.getByLabel('SLA policy').inputValue()).toBe('standard');
    await page.getByRole('table', { name: 'Targets of Standard' }).waitFor();

    // Notifications: acknowledge the requester with a shipped template.
    await tab(page, 'Notifications').click();
    await page.getByRole('button', { name: 'Add a notification' }).click();
    const ack = page.locator('[data-notification="0"]');
    await ack.getByLabel('When').selectOption({ label: 'A ticket is created' });
    await ack.getByLabel('Template').selectOption('ack-requester');
    expect(await ack.getByLabel('The requester').isChecked()).toBe(true);
    await expectAccessible(page, 'builder notifications tab');

    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Draft saved (revision 2)' }).waitFor();
    await page.locator('[data-saved]').waitFor();
    const saved = (await admin.get('/api/admin/workflows/new-starter')).body.draft;
    expect(saved.form.fields.map((f: { key: string }) => f.key)).toEqual(['summary', 'needs_laptop', 'laptop_type']);
    expect(saved.form.fields[2].visibleWhen).toEqual(JSON.parse(laptopRule));
    expect(saved.categorise).toEqual([{ when: JSON.parse(laptopRule), set: { category: 'onboarding', queue: 'end-user-devices', priority: 'P3' } }]);
    expect(saved.notifications).toEqual([{ on: 'ticket.created', template: 'ack-requester', to: ['requester'] }]);

    // Simulate from the preview: queue, priority, rendered mail; nothing written.
    const before = await ticketCount();
    await tab(page, 'Form').click();
    await preview(page).getByLabel(/New starter's name/).fill('Sam Jones');
    await preview(page).getByLabel('Needs a laptop').check();
    await preview(page).getByLabel('Laptop type').selectOption({ label: 'Standard laptop' });
    // The run says it is busy where its outcome will appear, then brings the outcome into view.
    let sawBusy = false;
    await page.route('**/simulate', async (route) => {
      sawBusy = (await page.locator('[data-sim-outcome]').getAttribute('aria-busy')) === 'true' && (await page.locator('[data-sim-busy]').isVisible());
      await route.continue();
    });
    await preview(page).getByRole('button', { name: 'Simulate' }).click();
    const result = page.locator('[data-simulation]');
    await result.waitFor();
    await page.unroute('**/simulate');
    expect(sawBusy).toBe(true);
    expect(await page.locator('[data-sim-outcome]').getAttribute('aria-busy')).toBe('false');
    await expect.poll(() => inView(page, '[data-simulation] h3')).toBe(true);
    // The queue by its name, once: "End-user devices", not "End-user devices end-user-devices".
    expect(await result.locator('[data-sim=queue]').textContent()).toBe('End-user devices');
    expect(await result.locator('[data-sim=priority]').textContent()).toBe('P3 medium');
    expect(await result.locator('[data-sim=category]').textContent()).toBe('onboarding');
    expect(await result.locator('[data-subject]').allTextContents()).toEqual(['[REQ-new] We have your request: Sam Jones']);
    expect(await result.locator('[data-sim=response]').textContent()).toMatch(/\d/);
    expect(await ticketCount()).toBe(before);
    await expectAccessible(page, 'builder simulation');
    await screenshot(page, 'builder-simulation');

    // Publish with a note; the history shows who, when and why.
    await page.getByRole('button', { name: 'Publish…' }).click();
    await page.getByLabel('Change note').fill('First version, for HR onboarding');
    await page.getByRole('button', { name: 'Publish version 1' }).click();
    await page.getByRole('status').filter({ hasText: 'Version 1 is published' }).waitFor();
    await tab(page, 'Versions').click();
    const v1 = page.locator('[data-versions] tbody tr');
    await expect.poll(() => v1.count()).toBe(1);
    expect(await v1.textContent()).toContain('admin@example.com');
    expect(await v1.textContent()).toContain('First version, for HR onboarding');
    await expectAccessible(page, 'builder versions tab');
    await page.getByRole('link', { name: 'All workflows' }).click();
    await expect.poll(() => page.locator('tr[data-workflow="new-starter"] [data-status]').textContent()).toBe('Published v1');
    await context.close();

    // A requester finds it in the catalogue; their ticket lands in end-user devices at P3.
    const requester = await signedIn(browser, t.url, 'requester@example.com');
    await requester.page.getByRole('link', { name: 'New starter' }).click();
    await requester.page.getByLabel(/New starter's name/).fill('Sam Jones');
    await requester.page.getByLabel('Needs a laptop').check();
    await requester.page.getByLabel(/Laptop type/).selectOption({ label: 'Developer laptop' });
    await requester.page.getByRole('button', { name: 'Send' }).click();
    const sent = await requester.page.getByRole('status').filter({ hasText: 'has been sent' }).textContent();
    const number = /REQ-(\d+)/.exec(sent ?? '');
    expect(number).not.toBeNull();
    const ticket = (await admin.get(`/api/tickets/${number![1]}`)).body.ticket;
    expect(ticket).toMatchObject({ workflowId: 'new-starter', queue: 'end-user-devices', priority: 'P3', category: 'onboarding', title: 'Sam Jones' });
    await requester.context.close();
  }, 120_000);

  it('shows a broken rule at its row and does not publish it', async () => {
    const { context, page } = await signedIn(browser, t.url, 'admin@example.com');
    await page.goto('/admin/workflows/new-starter');
    await page.getByRole('heading', { name: 'Workflow: New starter' }).waitFor();

    // A queue that does not exist, typed into the raw JSON.
    await tab(page, 'Raw JSON').click();
    const raw = page.getByLabel('The whole workflow as JSON');
    const text = await raw.inputValue();
    expect(text).toContain('"queue": "end-user-devices"');
    // Half-typed JSON: the tab says so in words, not only with a red mark.
    await raw.fill(text.slice(0, -2));
    expect(await tab(page, 'Raw JSON').textContent()).toBe('Raw JSON!has text that is not valid JSON yet');
    await raw.fill(text.replace('"queue": "end-user-devices"', '"queue": "printers"'));
    expect(await tab(page, 'Raw JSON').textContent()).toBe('Raw JSON');
    await page.locator('[data-unsaved]').waitFor();

    await page.getByRole('button', { name: 'Publish…' }).click();
    await page.getByRole('button', { name: 'Publish version 2' }).click();
    const summary = page.locator('[data-problem-summary]');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Routing › Rule 1: the queue "printers" does not exist');
    expect(await tab(page, 'Routing').textContent()).toContain('1 to fix');

    // Taken there from the summary: the problem is beside the rule's queue.
    await summary.getByRole('button', { name: 'Routing › Rule 1' }).click();
    const rule = page.locator('[data-rule="0"]');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-rule'))).toBe('0');
    expect(await rule.getByLabel('Send to the queue').inputValue()).toBe('printers');
    expect(await rule.getByLabel('Send to the queue').getAttribute('aria-invalid')).toBe('true');
    expect(await rule.locator('.prop', { has: page.getByLabel('Send to the queue') }).locator('[data-problems]').textContent()).toBe('the queue "printers" does not exist');
    await expectAccessible(page, 'builder with a broken rule');
    await screenshot(page, 'builder-broken-rule');

    // Nothing was saved or published.
    expect((await admin.get('/api/admin/workflows/new-starter/versions')).body.items).toHaveLength(1);
    expect((await admin.get('/api/admin/workflows/new-starter')).body.draft.categorise[0].set.queue).toBe('end-user-devices');

    // Fixed in the visual tab, it saves.
    await rule.getByLabel('Send to the queue').selectOption({ label: 'Accounts and access' });
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Draft saved' }).waitFor();
    expect(await tab(page, 'Routing').textContent()).toBe('Routing');
    await context.close();
  }, 60_000);

  it('keeps the admin’s edit when someone else saved first, and holds navigation while it is unsaved', async () => {
    const { context, page } = await signedIn(browser, t.url, 'admin@example.com');
    await page.goto('/admin/workflows/new-starter');
    await page.getByRole('heading', { name: 'Workflow: New starter' }).waitFor();
    // The edit must stay unsaved while someone else saves (autosave meeting a conflict: builder-versions.test.ts).
    await page.getByLabel('Save automatically').uncheck();
    await tab(page, 'Details').click();
    await page.getByRole('group', { name: 'Name' }).getByLabel('Welsh').fill('Aelod newydd o staff');

    // In-app navigation asks first; staying keeps the edit.
    page.once('dialog', (d) => void d.dismiss());
    await page.getByRole('link', { name: 'Workspace' }).click();
    expect(page.url()).toMatch(/\/admin\/workflows\/new-starter$/);
    expect(await page.getByRole('group', { name: 'Name' }).getByLabel('Welsh').inputValue()).toBe('Aelod newydd o staff');

    // Meanwhile another admin saves the draft.
    const current = (await admin.get('/api/admin/workflows/new-starter')).body;
    const theirs = { ...current.draft, description: { en: 'Laptops and accounts for people joining' } };
    expect((await admin.put(`/api/admin/workflows/new-starter/draft?baseRevision=${current.revision}`, theirs)).status).toBe(200);

    await page.getByRole('button', { name: 'Save draft' }).click();
    const conflict = page.locator('[data-conflict]');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('Someone else saved this draft');
    expect(await page.getByRole('group', { name: 'Name' }).getByLabel('Welsh').inputValue()).toBe('Aelod newydd o staff');
    await expectAccessible(page, 'builder conflict');

    // Load theirs, keeping mine to put back; then save mine on top of theirs.
    await conflict.getByRole('button', { name: 'Load their version' }).click();
    await page.locator('[data-stashed]').waitFor();
    expect(await page.getByRole('group', { name: 'Description in the catalogue' }).getByLabel('English').inputValue()).toBe('Laptops and accounts for people joining');
    expect(await page.getByRole('group', { name: 'Name' }).getByLabel('Welsh').inputValue()).toBe('');
    await page.getByRole('button', { name: 'Put my version back' }).click();
    expect(await page.getByRole('group', { name: 'Name' }).getByLabel('Welsh').inputValue()).toBe('Aelod newydd o staff');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Draft saved' }).waitFor();
    const after = (await admin.get('/api/admin/workflows/new-starter')).body.draft;
    expect(after.name).toEqual({ en: 'New starter', cy: 'Aelod newydd o staff' });

    // Saved, the app's links work again without asking.
    await page.getByRole('link', { name: 'Workspace' }).click();
    await page.waitForURL('**/agent');
    await context.close();
  }, 60_000);

  it('changes nothing it does not show: a shipped workflow visited on every tab stays as it was', async () => {
    const { context, page } = await signedIn(browser, t.url, 'admin@example.com');
    const before = (await admin.get('/api/admin/workflows/it-incident')).body;
    await page.goto('/admin/workflows/it-incident');
    await page.getByRole('heading', { name: /^Workflow: / }).waitFor();
    for (const name of ['Details', 'Form', 'Routing', 'SLA', 'Notifications', 'Escalations', 'Lifecycle', 'Raw JSON', 'Versions']) {
      await tab(page, name).click();
      expect(await page.locator('[data-saved]').count(), name).toBe(1);
    }
    // Open every field's editor too.
    await tab(page, 'Form').click();
    const rows = await page.locator('[data-field-row]').count();
    for (let i = 0; i < rows; i++) {
      await page.locator('[data-field-row]').nth(i).getByRole('button', { name: /^Edit/ }).click();
      await fieldEditor(page, i).waitFor();
    }
    expect(await page.locator('[data-saved]').count()).toBe(1);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Draft saved' }).waitFor();
    expect((await admin.get('/api/admin/workflows/it-incident')).body.draft).toEqual(before.draft);
    await context.close();
  }, 60_000);

  it('exports every shipped workflow and imports it back through the list and the builder, changing nothing', async () => {
    const { context, page } = await signedIn(browser, t.url, 'admin@example.com');
    for (const id of ['it-incident', 'service-request', 'access-request']) {
      await page.goto('/admin/workflows');
      const row = page.locator(`tr[data-workflow="${id}"]`);
      await expect.poll(() => row.locator('[data-status]').textContent()).toMatch(/^Published v\d+$/);
      const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: /^Export/ }).click()]);
      expect(download.suggestedFilename()).toBe(`${id}.json`);
      const file = await download.path();
      const exported = JSON.parse(readFileSync(file, 'utf8'));
      expect(exported.id).toBe(id);

      // Importing over an existing workflow asks first, then opens its builder.
      page.once('dialog', (d) => void d.accept());
      await page.locator('input[type=file]').setInputFiles(file);
      await page.waitForURL(`**/admin/workflows/${id}`);
      await page.locator('[data-saved]').waitFor();
      expect((await admin.get(`/api/admin/workflows/${id}`)).body.draft).toEqual(exported);

      // Every tab visited and saved: still the same definition, so still nothing to publish.
      for (const name of ['Details', 'Form', 'Routing', 'SLA', 'Notifications', 'Escalations', 'Lifecycle', 'Raw JSON']) await tab(page, name).click();
      await page.getByRole('button', { name: 'Save draft' }).click();
      await page.getByRole('status').filter({ hasText: 'Draft saved' }).waitFor();
      expect((await admin.get(`/api/admin/workflows/${id}`)).body.draft).toEqual(exported);
      expect(await page.locator('[data-status]').textContent()).not.toContain('unpublished changes');
      await page.getByRole('button', { name: 'Publish…' }).click();
      await page.getByRole('button', { name: /^Publish version/ }).click();
      await page.getByRole('alert').filter({ hasText: 'there is nothing to publish' }).waitFor();
    }

    // A file the desk refuses is explained, and nothing is imported.
    await page.goto('/admin/workflows');
    await page.locator('tr[data-workflow]').first().waitFor();
    await page.locator('input[type=file]').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ id: 'broken-one', kind: 'request' })) });
    const refused = page.getByRole('alert').filter({ hasText: 'The desk refused the file' });
    await refused.waitFor();
    expect(await refused.textContent()).toContain('is required');
    expect((await admin.get('/api/admin/workflows/broken-one')).status).toBe(404);
    await context.close();
  }, 90_000);

  it('starts a workflow as a copy of a shipped one, and speaks Welsh', async () => {
    const { context, page } = await signedIn(browser, t.url, 'admin@example.com', { locale: 'cy-GB' });
    await page.getByRole('link', { name: 'Llifoedd gwaith' }).click();
    await page.getByRole('heading', { name: 'Llifoedd gwaith', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Llif gwaith newydd' }).click();
    await page.getByLabel('Dechrau o').selectOption('service-request');
    await page.getByLabel('Enw', { exact: true }).fill('Laptop request');
    expect(await page.getByLabel('Dynodydd').inputValue()).toBe('laptop-request');
    await page.getByRole('button', { name: 'Creu ac agor' }).click();
    await page.getByRole('heading', { name: 'Llif gwaith: Laptop request' }).waitFor();
    expect(await page.getByRole('tab').allTextContents()).toEqual(['Manylion', 'Ffurflen', 'Cyfeirio', 'Blaenoriaeth', 'SLA', 'Hysbysiadau', 'Uwchgyfeirio', 'Cylch bywyd', 'JSON crai', 'Fersiynau']);
    await expectAccessible(page, 'builder in Welsh');
    await screenshot(page, 'builder-welsh');

    const source = (await admin.get('/api/admin/workflows/service-request')).body.draft;
    const copy = (await admin.get('/api/admin/workflows/laptop-request')).body.draft;
    expect(copy).toEqual({ ...source, id: 'laptop-request', name: { en: 'Laptop request' } });
    await context.close();
  }, 60_000);
});
