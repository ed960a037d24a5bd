/**
 * The template editor in a real browser: an admin writes the new starter's
 * acknowledgement ("new-starter-ack") with variables chosen from the desk's
 * list, sees the server's preview with the sample ticket in English and
 * Welsh, and saves it. In the workflow builder a syntax error in that
 * template is shown at its line and column and stops publishing (checked
 * through the API); fixed, the workflow publishes and a requester's
 * submission sends the rendered mail.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, screenshot, signedIn } from '../support/browser.ts';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let browser: Browser;
let admin: Client;

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestDesk(), launchBrowser()]);
  admin = await t.as('admin@example.com');
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const editor = (page: Page) => page.locator('[data-template-editor="new-starter-ack"]');
const previewText = (page: Page) => page.locator('[data-preview-text]').textContent();
const previewSubject = (page: Page) => page.locator('[data-preview-subject]').textContent();
const storedTemplates = async () =>
  ((await admin.get('/api/admin/templates')).body.items as { name: string; locale: string; subject: string; body: string; origin: string }[]).filter((i) => i.name === 'new-starter-ack');

describe('the template editor', () => {
  it('writes an acknowledgement with variables from the list, previews it in English and Welsh, and saves it', async () => {
    const { context, page } = await signedIn(browser, t.url, 'admin@example.com');

    // The list: shipped templates by name with their languages and origin.
    await page.getByRole('link', { name: 'Templates', exact: true }).click();
    await page.getByRole('heading', { name: 'Notification templates', level: 1 }).waitFor();
    const ack = page.locator('tr[data-template="ack-requester"]');
    expect(await ack.locator('[data-languages]').textContent()).toBe('English, Cymraeg, 简体中文, Română');
    expect(await ack.locator('[data-origin]').textContent()).toBe('Shipped with the desk');
    await expectAccessible(page, 'templates list');

    // A new one by name; a name that is taken is said so.
    await page.getByRole('button', { name: 'New template' }).click();
    await page.getByLabel('Template name').fill('ack-requester');
    await page.getByText('A template with this name exists already').waitFor();
    await page.getByLabel('Template name').fill('new-starter-ack');
    await page.getByRole('button', { name: 'Create and open' }).click();
    await page.getByRole('heading', { name: 'Template: new-starter-ack' }).waitFor();

    // English: the subject typed, the body with variables chosen from the list.
    const subject = editor(page).getByLabel('Subject', { exact: true });
    const body = editor(page).getByLabel('Body', { exact: true });
    await subject.fill('[{{ticket.number}}] Welcome aboard');
    await body.fill('Hello ');
    await page.locator('[data-variable="requester.name"]').click();
    expect(await body.inputValue()).toBe('Hello {{requester.name}}');
    // Typing carries on after the inserted variable.
    await page.keyboard.type(',\nYour ticket is with ');
    // The list can be searched, and a variable chosen from the keyboard.
    await page.getByRole('searchbox', { name: 'Search the variables' }).fill('queue.name');
    expect(await page.locator('[data-variable]').count()).toBe(1);
    expect(await page.locator('[data-variable="ticket.queue.name"]').textContent()).toContain('e.g. Network');
    // With no workflow, the form answers are the sample ticket's.
    await page.getByRole('searchbox', { name: 'Search the variables' }).fill('ticket.fields');
    expect(await page.locator('[data-variable]').evaluateAll((els) => els.map((e) => e.getAttribute('data-variable')))).toEqual([
      'ticket.fields.summary', 'ticket.fields.service', 'ticket.fields.impact', 'ticket.fields.urgency',
    ]);
    expect(await page.locator('[data-fields-help]').count()).toBe(0);
    await page.getByRole('searchbox', { name: 'Search the variables' }).fill('queue.name');
    await page.locator('[data-variable="ticket.queue.name"]').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type('.');
    expect(await body.inputValue()).toBe('Hello {{requester.name}},\nYour ticket is with {{ticket.queue.name}}.');
    expect(await page.locator('[data-caret="tpl-body"]').textContent()).toBe('Line 2, column 43');

    // The live preview: the sample ticket's values, as text and in a sandboxed HTML frame.
    await expect.poll(() => previewText(page)).toBe('Hello Alex Requester,\nYour ticket is with Network.');
    expect(await previewSubject(page)).toBe('[INC-1042] Welcome aboard');
    const frame = page.locator('[data-preview-html]');
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(await page.frameLocator('[data-preview-html]').locator('div').textContent()).toBe('Hello Alex Requester,\nYour ticket is with Network.');
    await expectAccessible(page, 'template editor');
    await screenshot(page, 'template-editor');

    // Unsaved, leaving asks first; staying keeps the text.
    page.once('dialog', (d) => void d.dismiss());
    await page.getByRole('link', { name: 'Workflows', exact: true }).click();
    expect(page.url()).toMatch(/\/admin\/templates\/new-starter-ack$/);

    // Welsh: not written yet (its readers get English), then written, with the Welsh sample values.
    await page.getByRole('tab', { name: 'Cymraeg' }).click();
    await page.locator('[data-not-written]').waitFor();
    await expect.poll(() => previewText(page)).toBe('Hello Alex Requester,\nYour ticket is with Network.');
    await subject.fill('[{{ticket.number}}] Croeso');
    await body.fill('Helo ');
    await page.getByRole('searchbox', { name: 'Search the variables' }).fill('');
    await page.locator('[data-variable="requester.name"]').click();
    await page.keyboard.type(',\nMae eich tocyn gyda ');
    await page.locator('[data-variable="ticket.queue.name"]').click();
    await page.keyboard.type('.');
    expect(await page.locator('[data-variable="ticket.queue.name"]').textContent()).toContain('e.g. Rhwydwaith');
    await expect.poll(() => previewText(page)).toBe('Helo Alex Requester,\nMae eich tocyn gyda Rhwydwaith.');
    expect(await previewSubject(page)).toBe('[INC-1042] Croeso');

    await page.getByRole('button', { name: 'Save template' }).click();
    await page.getByRole('status').filter({ hasText: 'Template saved.' }).waitFor();
    await page.locator('[data-saved]').waitFor();
    const stored = await storedTemplates();
    expect(stored.map((s) => [s.locale, s.origin, s.subject, s.body])).toEqual([
      ['cy', 'custom', '[{{ticket.number}}] Croeso', 'Helo {{requester.name}},\nMae eich tocyn gyda {{ticket.queue.name}}.'],
      ['en', 'custom', '[{{ticket.number}}] Welcome aboard', 'Hello {{requester.name}},\nYour ticket is with {{ticket.queue.name}}.'],
    ]);

    // A refused save keeps what was typed and says where the problem is.
    await page.getByRole('tab', { name: 'English' }).click();
    await subject.fill('[{{ticket.number}] Welcome aboard');
    await page.getByRole('button', { name: 'Save template' }).click();
    const problem = editor(page).locator('[data-template-problem^="subject:1:"]');
    await problem.waitFor();
    expect(await subject.inputValue()).toBe('[{{ticket.number}] Welcome aboard');
    expect((await storedTemplates()).find((s) => s.locale === 'en')?.subject).toBe('[{{ticket.number}}] Welcome aboard');
    await subject.fill('[{{ticket.number}}] Welcome aboard');
    await page.locator('[data-saved]').waitFor();
    await expect.poll(() => editor(page).locator('[data-template-problem]').count()).toBe(0);

    await page.getByRole('link', { name: 'All templates' }).click();
    const row = page.locator('tr[data-template="new-starter-ack"]');
    expect(await row.locator('[data-languages]').textContent()).toBe('English, Cymraeg');
    expect(await row.locator('[data-origin]').textContent()).toBe('Written for this desk');
    await context.close();
  }, 90_000);

  it('shows a syntax error at its line and column, which blocks publishing until fixed; then the mail is sent', async () => {
    // A new-starter workflow (a copy of it-incident) acknowledging with the template.
    const source = (await admin.get('/api/admin/workflows/it-incident')).body.draft;
    const draft = { ...source, id: 'new-starter', name: { en: 'New starter', cy: 'Aelod newydd o staff' }, notifications: [{ on: 'ticket.created', template: 'new-starter-ack', to: ['requester'] }] };
    expect((await admin.put('/api/admin/workflows/new-starter/draft', draft)).status).toBe(200);

    const { context, page } = await signedIn(browser, t.url, 'admin@example.com');
    await page.goto('/admin/workflows/new-starter');
    await page.getByRole('heading', { name: 'Workflow: New starter' }).waitFor();
    await page.getByRole('tab', { name: /^Notifications/ }).click();
    await page.getByRole('button', { name: 'Edit template new-starter-ack' }).click();
    const panel = page.locator('[data-template-panel="new-starter-ack"]');
    await panel.waitFor();
    const body = panel.getByLabel('Body', { exact: true });
    expect(await body.inputValue()).toBe('Hello {{requester.name}},\nYour ticket is with {{ticket.queue.name}}.');

    // A block that is never closed: the desk finds the end of the template, line 3 column 28.
    await body.fill('Hello {{requester.name}},\n{{#if ticket.priority}}\nUrgent: {{ticket.priority}}');
    const problem = panel.locator('[data-template-problem="body:3:28"]');
    await problem.waitFor();
    expect(await problem.textContent()).toBe('Body, line 3, column 28: the template cannot be read here: found the end of the template');
    expect(await panel.locator('.gutter .bad').allTextContents()).toEqual(['3']);
    await page.locator('[data-unsaved]').waitFor();
    await expectAccessible(page, 'builder with a template open');

    // Publishing saves the template first: it is refused, so nothing is published or saved.
    await page.getByRole('button', { name: 'Publish…' }).click();
    await page.getByLabel('Change note').fill('First version');
    await page.getByRole('button', { name: 'Publish version 1' }).click();
    await page.locator('[data-template-refused-summary]').waitFor();
    expect(await page.locator('[data-template-refused-summary]').textContent()).toContain('The template “new-starter-ack” does not compile, so nothing was saved or published.');
    await panel.locator('[data-template-refused]').waitFor();
    expect((await admin.get('/api/admin/workflows/new-starter/versions')).body.items).toHaveLength(0);
    expect((await admin.get('/api/admin/workflows/new-starter')).body.revision).toBe(1);
    expect((await storedTemplates()).find((s) => s.locale === 'en')?.body).toBe('Hello {{requester.name}},\nYour ticket is with {{ticket.queue.name}}.');
    expect(await body.inputValue()).toBe('Hello {{requester.name}},\n{{#if ticket.priority}}\nUrgent: {{ticket.priority}}');
    await screenshot(page, 'builder-template-error');

    // The problem takes the caret to its line and column.
    await problem.getByRole('button').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('wb-tpl-body');
    expect(await page.locator('[data-caret="wb-tpl-body"]').textContent()).toBe('Line 3, column 28');

    // Fixed there, the preview comes back and publishing goes through.
    await page.keyboard.type('\n{{/if}}');
    await expect.poll(() => panel.locator('[data-template-problem]').count()).toBe(0);
    await expect.poll(() => previewText(page)).toBe('Hello Alex Requester,\nUrgent: P2\n');
    await page.getByRole('button', { name: 'Publish…' }).click();
    await page.getByLabel('Change note').fill('First version');
    await page.getByRole('button', { name: 'Publish version 1' }).click();
    await page.getByRole('status').filter({ hasText: 'Version 1 is published' }).waitFor();
    expect((await admin.get('/api/admin/workflows/new-starter/versions')).body.items).toHaveLength(1);
    expect((await storedTemplates()).find((s) => s.locale === 'en')?.body).toBe('Hello {{requester.name}},\n{{#if ticket.priority}}\nUrgent: {{ticket.priority}}\n{{/if}}');
    await context.close();

    // A requester's submission sends the rendered acknowledgement.
    const requester = await t.as('requester@example.com');
    const res = await requester.post('/api/workflows/new-starter/submissions', {
      fields: { summary: 'Starting on Monday', service: 'other', impact: 'me', urgency: 'low', details: 'Needs a laptop' },
    });
    expect(res.status).toBe(201);
    const number = res.body.ticket.number as string;
    const mail = await t.mail.waitFor((m) => m.to.includes('requester@example.com') && m.subject === `[${number}] Welcome aboard`);
    expect(mail.text).toMatch(new RegExp(`^Hello Alex Requester,\nUrgent: ${res.body.ticket.priority}\n?$`));
  }, 90_000);

  it('renders the preview under the desk’s own Content-Security-Policy, markup as text', async () => {
    const { context, page } = await signedIn(browser, t.url, 'admin@example.com', { bypassCSP: false });
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content.Security.Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await page.goto('/admin/templates/new-starter-ack');
    await page.getByRole('tab', { name: 'Cymraeg' }).click();
    await expect.poll(() => page.frameLocator('[data-preview-html]').locator('div').textContent()).toBe('Helo Alex Requester,\nMae eich tocyn gyda Rhwydwaith.');

    // Markup in a template (or in a ticket's values) is shown as text, in the frame and on the page.
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const payload = '<img src=x onerror="window.__tplXss=1;alert(1)"><script>window.__tplXss=2</script>{{ticket.title}}';
    await editor(page).getByLabel('Body', { exact: true }).fill(payload);
    const shown = payload.replace('{{ticket.title}}', 'VPN drops every few minutes');
    await expect.poll(() => previewText(page)).toBe(shown);
    expect(await page.frameLocator('[data-preview-html]').locator('div').textContent()).toBe(shown);
    expect(await page.frameLocator('[data-preview-html]').locator('img, script').count()).toBe(0);
    expect(await page.locator('[data-template-preview] img, [data-template-preview] script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __tplXss?: number }).__tplXss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(violations).toEqual([]);
    await context.close();
  }, 30_000);
});

describe('a template made from the builder', () => {
  it('is created from a notification row, written in place and saved with the draft', async () => {
    const { context, page } = await signedIn(browser, t.url, 'admin@example.com');
    await page.goto('/admin/workflows/new-starter');
    await page.getByRole('heading', { name: 'Workflow: New starter' }).waitFor();
    await page.getByRole('tab', { name: /^Notifications/ }).click();
    await page.getByRole('button', { name: 'Add a notification' }).click();
    const row = page.locator('[data-notification="1"]');
    await row.getByLabel('When').selectOption({ label: 'It is resolved' });
    await row.getByRole('button', { name: 'New template…' }).click();
    await row.getByLabel('Template name').fill('new-starter-ack');
    await row.getByText('A template with this name exists already').waitFor();
    await row.getByLabel('Template name').fill('new-starter-done');
    await row.getByRole('button', { name: 'Create and open' }).click();

    const panel = page.locator('[data-template-panel="new-starter-done"]');
    await panel.locator('[data-not-written]').waitFor();
    expect(await row.getByLabel('Template').inputValue()).toBe('new-starter-done');
    await panel.getByLabel('Subject', { exact: true }).fill('[{{ticket.number}}] All set');
    await panel.getByLabel('Body', { exact: true }).fill('Resolved: ');
    await panel.locator('[data-variable="ticket.title"]').click();
    await expect.poll(() => previewText(page)).toBe('Resolved: VPN drops every few minutes');

    // Autosave never writes a desk-wide template on its own (it would be live at once):
    // the draft that names the new template cannot be kept until the template exists,
    // and autosave says so quietly; the admin's Save writes both.
    await expect.poll(() => page.locator('[data-autosave]').textContent(), { timeout: 15_000 }).toMatch(/Not saved: 1 problem/);
    expect(((await admin.get('/api/admin/templates')).body.items as { name: string }[]).some((i) => i.name === 'new-starter-done')).toBe(false);
    await page.locator('[data-unsaved]').waitFor();

    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Draft saved' }).waitFor();
    await page.locator('[data-saved]').waitFor();
    const saved = ((await admin.get('/api/admin/templates')).body.items as { name: string; locale: string; body: string }[]).filter((i) => i.name === 'new-starter-done');
    expect(saved.map((s) => [s.locale, s.body])).toEqual([['en', 'Resolved: {{ticket.title}}']]);
    expect((await admin.get('/api/admin/workflows/new-starter')).body.draft.notifications[1]).toEqual({ on: 'ticket.resolved', template: 'new-starter-done', to: ['requester'] });
    await context.close();
  }, 60_000);

  it("lists the workflow's own form fields by their labels, previews them with sample answers, and counts a broken template on the Notifications tab", async () => {
    // The draft gains a field the sample ticket has no answer for.
    const { draft } = (await admin.get('/api/admin/workflows/new-starter')).body;
    const laptop = { key: 'laptop', type: 'select', label: { en: 'Which laptop?', cy: 'Pa liniadur?' }, options: [{ value: 'mac', label: { en: 'Mac' } }, { value: 'windows', label: { en: 'Windows' } }] };
    expect((await admin.put('/api/admin/workflows/new-starter/draft', { ...draft, form: { fields: [...draft.form.fields, laptop] } })).status).toBe(200);

    const { context, page } = await signedIn(browser, t.url, 'admin@example.com');
    await page.goto('/admin/workflows/new-starter');
    await page.getByRole('heading', { name: 'Workflow: New starter' }).waitFor();
    await page.getByRole('tab', { name: /^Notifications/ }).click();
    await page.getByRole('button', { name: 'Edit template new-starter-ack' }).click();
    const panel = page.locator('[data-template-panel="new-starter-ack"]');
    await panel.waitFor();

    // The form answers listed are the draft's fields, in its order, described by their labels.
    const search = panel.getByRole('searchbox', { name: 'Search the variables' });
    await search.fill('ticket.fields');
    await expect.poll(() => panel.locator('[data-variable]').evaluateAll((els) => els.map((e) => e.getAttribute('data-variable')))).toEqual(
      ['summary', 'service', 'impact', 'urgency', 'printer_id', 'asset_tag', 'details', 'screenshots', 'laptop'].map((k) => `ticket.fields.${k}`),
    );
    expect(await panel.locator('[data-fields-help]').textContent()).toBe('The form fields are this workflow’s; their values show once a ticket has them.');
    const printer = panel.locator('[data-variable="ticket.fields.printer_id"]');
    expect(await printer.textContent()).toContain('Form field “Printer name or number” of this workflow');
    expect(await printer.textContent()).not.toContain('e.g.');
    // Found by its label; a field with options shows the first as its example.
    await search.fill('which laptop');
    expect(await panel.locator('[data-variable]').count()).toBe(1);
    const field = panel.locator('[data-variable="ticket.fields.laptop"]');
    expect(await field.textContent()).toContain('Form field “Which laptop?” of this workflow');
    expect(await field.textContent()).toContain('e.g. mac');

    // Put in, the preview shows the sample answers: the option, and a stand-in for a text field.
    const body = panel.getByLabel('Body', { exact: true });
    await body.fill('Laptop: ');
    await field.click();
    await page.keyboard.type('\nPrinter: ');
    await search.fill('printer');
    await printer.click();
    expect(await body.inputValue()).toBe('Laptop: {{ticket.fields.laptop}}\nPrinter: {{ticket.fields.printer_id}}');
    await expect.poll(() => previewText(page)).toBe('Laptop: mac\nPrinter: [Printer name or number]');
    await expectAccessible(page, 'builder template panel with the form fields');

    // A template that does not compile is counted on the Notifications tab from any other tab.
    const badge = page.locator('[data-tab="notifications"] .count');
    expect(await badge.count()).toBe(0);
    await body.fill('{{#if ticket.fields.laptop}}Laptop: {{ticket.fields.laptop}}');
    await panel.locator('[data-template-problem]').waitFor();
    await page.getByRole('tab', { name: /^Form/ }).click();
    await page.locator('#wb-panel-form').waitFor();
    expect(await badge.textContent()).toBe('1 to fix');
    expect(await page.locator('[data-tab="form"] .count').count()).toBe(0);

    // Fixed, the count goes.
    await page.getByRole('tab', { name: /^Notifications/ }).click();
    await panel.getByLabel('Body', { exact: true }).fill('{{#if ticket.fields.laptop}}Laptop: {{ticket.fields.laptop}}{{/if}}');
    await expect.poll(() => badge.count()).toBe(0);
    await expect.poll(() => previewText(page)).toBe('Laptop: mac');
    await context.close();
  }, 60_000);
});
