/**
 * The builder's rule editor in a real browser: an admin who has never seen
 * json-logic builds a routing condition from rows ("Needs a laptop" is
 * ticked AND urgency is one of high/critical), saves it, and the
 * simulation shows the rule matched; rules the visual editor cannot show
 * (arithmetic, a `var` with a fallback) are offered as JSON only and
 * survive a save unchanged; an escalation rule added in the Escalations
 * tab is stored in the exact shape of the format and publishes; a
 * transition's guard shows in the Lifecycle tab, where an admin also adds
 * a state and a transition to it, and the desk's complaint about a
 * transition to a removed state shows at that transition.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, screenshot, signedIn } from '../support/browser.ts';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let browser: Browser;
let admin: Client;

const plusRule = { '>': [{ '+': [{ var: 'fields.laptops' }, 1] }, 3] };
const fallbackRule = { '==': [{ var: ['fields.urgency', 'low'] }, 'critical'] };
const assigneeGuard = { '!=': [{ var: 'ticket.assignee' }, null] };

/** A workflow made over the API, as an earlier admin (or a file) left it. */
const laptops = {
  id: 'laptops',
  name: { en: 'Laptops' },
  kind: 'request',
  form: {
    fields: [
      { key: 'summary', type: 'text', required: true, label: { en: 'Summary' } },
      { key: 'needs_laptop', type: 'checkbox', label: { en: 'Needs a laptop' } },
      {
        key: 'urgency',
        type: 'select',
        label: { en: 'Urgency' },
        options: [
          { value: 'low', label: { en: 'Low' } },
          { value: 'high', label: { en: 'High' } },
          { value: 'critical', label: { en: 'Critical' } },
        ],
      },
      { key: 'laptops', type: 'number', label: { en: 'How many laptops' } },
      { key: 'reason', type: 'textarea', label: { en: 'Why so urgent?' }, visibleWhen: fallbackRule },
    ],
  },
  priority: { default: 'P4' },
  categorise: [{ when: plusRule, set: { category: 'bulk' } }],
  defaultQueue: 'first-line',
  sla: 'standard',
  lifecycle: {
    states: [
      { id: 'new', class: 'new' },
      { id: 'in-progress', class: 'open', label: { en: 'In progress' } },
      { id: 'resolved', class: 'resolved' },
      { id: 'closed', class: 'closed' },
    ],
    transitions: [
      { from: ['new'], to: 'in-progress' },
      { from: ['new', 'in-progress'], to: 'resolved', requires: ['resolution.code'], when: assigneeGuard },
      { from: ['resolved'], to: 'closed' },
    ],
  },
};

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestDesk({ smtp: false }), launchBrowser()]);
  admin = await t.as('admin@example.com');
  expect((await admin.put('/api/admin/workflows/laptops/draft', laptops)).status).toBe(200);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const tab = (page: Page, name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) });
const stored = async () => (await admin.get('/api/admin/workflows/laptops')).body.draft;

async function openBuilder(page: Page) {
  await page.goto('/admin/workflows/laptops');
  await page.getByRole('heading', { name: 'Workflow: Laptops' }).waitFor();
}

describe('the rule editor', () => {
  it('builds a routing condition from rows, saves it, and the simulation matches it', async () => {
    const { context, page } = await signedIn(browser, t.url, 'admin@example.com');
    await openBuilder(page);
    await tab(page, 'Routing').click();
    await page.getByRole('button', { name: 'Add a rule' }).click();
    const rule = page.locator('[data-rule="1"]');
    const when = rule.getByRole('group', { name: 'When' });
    // A new rule matches every ticket until it has a condition.
    expect(await when.locator('[data-always]').textContent()).toBe('Always: there is no condition.');

    await when.getByRole('button', { name: 'Add a condition to the rule' }).click();
    // The new row's fact picker has focus, so the keyboard carries on from the button.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('What condition 1 checks');
    await when.getByLabel('What condition 1 checks').selectOption({ label: 'Needs a laptop' });
    // A tick box is compared by ticked / not ticked, and nothing else.
    expect(await when.getByLabel('How condition 1 compares').locator('option').allTextContents()).toEqual(['is ticked', 'is not ticked']);

    await when.getByRole('button', { name: 'Add a condition to the rule' }).click();
    await when.getByLabel('What condition 2 checks').selectOption({ label: 'Urgency' });
    expect(await when.getByLabel('How condition 2 compares').locator('option').allTextContents()).toEqual(['is', 'is not', 'is one of', 'is chosen', 'is not chosen']);
    await when.getByLabel('How condition 2 compares').selectOption({ label: 'is one of' });
    const values = when.getByRole('group', { name: 'Values of condition 2' });
    await values.getByLabel('High').check();
    await values.getByLabel('Critical').check();
    expect(await when.getByLabel('Match').inputValue()).toBe('and');

    await rule.getByLabel('Send to the queue').selectOption({ label: 'End-user devices' });
    await rule.getByLabel('Set the priority').selectOption({ label: 'P2 high' });
    await expectAccessible(page, 'routing rule built visually');
    await screenshot(page, 'builder-rule-visual');

    // The same rule as JSON, for those who want to see it.
    const expected = { and: [{ '==': [{ var: 'fields.needs_laptop' }, true] }, { in: [{ var: 'fields.urgency' }, ['high', 'critical']] }] };
    await when.getByRole('button', { name: 'Edit as JSON' }).click();
    expect(JSON.parse(await when.getByLabel('When (json-logic)').inputValue())).toEqual(expected);
    await when.getByRole('button', { name: 'Edit as JSON' }).click();
    await when.getByLabel('What condition 2 checks').waitFor();

    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Draft saved' }).waitFor();
    expect((await stored()).categorise[1]).toEqual({ when: expected, set: { queue: 'end-user-devices', priority: 'P2' } });

    // Simulated: a critical laptop request matches rule 2 and goes to end-user devices.
    await tab(page, 'Form').click();
    const preview = page.locator('[data-preview]');
    await preview.getByLabel(/Summary/).fill('Laptop for Sam');
    await preview.getByLabel('Needs a laptop').check();
    await preview.getByLabel('Urgency').selectOption({ label: 'Critical' });
    await preview.getByRole('button', { name: 'Simulate' }).click();
    const result = page.locator('[data-simulation]');
    await result.waitFor();
    expect(await result.locator('[data-sim=rules]').textContent()).toBe('Rule 2');
    expect(await result.locator('[data-sim=queue]').textContent()).toBe('End-user devices');
    expect(await result.locator('[data-sim=queue]').getAttribute('data-queue')).toBe('end-user-devices');
    expect(await result.locator('[data-sim=priority]').textContent()).toBe('P2 high');

    // Low urgency: the rule does not match, and the ticket keeps the default queue.
    await preview.getByLabel('Urgency').selectOption({ label: 'Low' });
    await preview.getByRole('button', { name: 'Simulate' }).click();
    await expect.poll(() => result.locator('[data-sim=rules]').textContent()).toBe('none (the default queue and priority apply)');
    expect(await result.locator('[data-sim=queue]').textContent()).toBe('First line');
    await context.close();
  }, 90_000);

  it('offers a rule it cannot show as JSON only, and saves it unchanged', async () => {
    const { context, page } = await signedIn(browser, t.url, 'admin@example.com');
    await openBuilder(page);

    // Arithmetic in a routing rule.
    await tab(page, 'Routing').click();
    const when = page.locator('[data-rule="0"]').getByRole('group', { name: 'When' });
    expect(await when.locator('[data-json-only]').textContent()).toContain('the visual editor cannot show');
    expect(JSON.parse(await when.getByLabel('When (json-logic)').inputValue())).toEqual(plusRule);
    expect(await when.getByRole('button', { name: 'Edit as JSON' }).isDisabled()).toBe(true);
    expect(await when.getByLabel('What condition 1 checks').count()).toBe(0);

    // A var with a fallback in a field's visibility.
    await tab(page, 'Form').click();
    await page.getByRole('button', { name: 'Edit Why so urgent?' }).click();
    const showWhen = page.locator('[data-edit-field="4"]').getByRole('group', { name: 'Show only when' });
    await showWhen.locator('[data-json-only]').waitFor();
    expect(JSON.parse(await showWhen.getByLabel('Show only when (json-logic)').inputValue())).toEqual(fallbackRule);
    await expectAccessible(page, 'a rule shown as JSON only');

    // Another edit, then save: both rules are stored exactly as they were.
    await page.locator('[data-edit-field="4"]').getByRole('group', { name: 'Label' }).getByLabel('Welsh').fill('Pam mor frys?');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Draft saved' }).waitFor();
    const after = await stored();
    expect(after.form.fields[4]).toEqual({ ...laptops.form.fields[4], label: { en: 'Why so urgent?', cy: 'Pam mor frys?' } });
    expect(after.categorise[0]).toEqual(laptops.categorise[0]);

    // A rule typed as JSON that the visual side can show is shown visually again.
    await tab(page, 'Routing').click();
    await when.getByLabel('When (json-logic)').fill('{"==": [{"var": "fields.urgency"}, "high"]}');
    await when.getByRole('button', { name: 'Edit as JSON' }).click();
    expect(await when.getByLabel('What condition 1 checks').inputValue()).toBe('fields.urgency');
    expect(await when.getByLabel('Value of condition 1').inputValue()).toBe('high');
    await context.close();
  }, 60_000);

  it('adds an escalation rule from lists, stores it in the exact shape, and publishes', async () => {
    const { context, page } = await signedIn(browser, t.url, 'admin@example.com');
    await openBuilder(page);
    await tab(page, 'Escalations').click();
    expect(await page.locator('[data-empty]').textContent()).toContain('There are no escalation rules');
    await page.getByRole('button', { name: 'Add an escalation rule' }).click();
    const esc = page.locator('[data-escalation="0"]');
    await esc.getByLabel('Name').fill('resolution-80');
    await esc.getByLabel('Timer').selectOption({ label: 'The resolution clock' });
    await esc.getByLabel('Fires').selectOption({ label: 'at a share of the target' });
    await esc.getByLabel('Percent of the target').fill('80');

    // Action 1: tell the queue's manager with the SLA warning template.
    const first = esc.locator('[data-action="0"]');
    await first.getByLabel('Action 1', { exact: true }).selectOption({ label: 'Send a notification' });
    await first.getByLabel('Template').selectOption('sla-warning');
    await first.getByLabel('The queue’s manager').check();
    for (const other of ['The requester', 'The assignee']) expect(await first.getByLabel(other).isChecked()).toBe(false);

    // Action 2: move it to a real queue.
    await esc.getByRole('button', { name: 'Add an action' }).click();
    const second = esc.locator('[data-action="1"]');
    await second.getByLabel('Action 2', { exact: true }).selectOption({ label: 'Move to a queue' });
    expect(await second.getByLabel('Queue').locator('option').allTextContents()).toEqual(['Complaints', 'End-user devices', 'First line', 'Accounts and access', 'Infrastructure', 'Network']);
    await second.getByLabel('Queue').selectOption({ label: 'Network' });
    // An action added by mistake: focus is on its kind, and once removed, on the action before it.
    const focused = () => page.evaluate(() => document.activeElement?.id);
    await esc.getByRole('button', { name: 'Add an action' }).click();
    await expect.poll(focused).toBe('wb-esc-0-do-2-kind');
    await esc.getByRole('button', { name: 'Remove action 3 of escalation 1' }).click();
    await expect.poll(focused).toBe('wb-esc-0-do-1');

    // Only for P1 and P2, picked from the priorities.
    const when = esc.getByRole('group', { name: 'Only when' });
    await when.getByRole('button', { name: 'Add a condition to the rule' }).click();
    await when.getByLabel('What condition 1 checks').selectOption({ label: 'Ticket priority' });
    await when.getByLabel('How condition 1 compares').selectOption({ label: 'is one of' });
    await when.getByRole('group', { name: 'Values of condition 1' }).getByLabel('P1').check();
    await when.getByRole('group', { name: 'Values of condition 1' }).getByLabel('P2').check();
    // SLA facts are offered here, and only here.
    expect(await when.getByLabel('What condition 1 checks').locator('optgroup[label="SLA clocks"] option').count()).toBe(12);
    await expectAccessible(page, 'builder escalations tab');
    await screenshot(page, 'builder-escalations');

    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Draft saved' }).waitFor();
    expect((await stored()).escalations).toEqual([
      {
        id: 'resolution-80',
        at: { clock: 'resolution', percent: 80 },
        when: { in: [{ var: 'ticket.priority' }, ['P1', 'P2']] },
        do: [{ notify: { template: 'sla-warning', to: ['queue.manager'] } }, { setQueue: 'network' }],
      },
    ]);

    await page.getByRole('button', { name: 'Publish…' }).click();
    await page.getByLabel('Change note').fill('Warn the manager before a P1/P2 breaches');
    await page.getByRole('button', { name: 'Publish version 1' }).click();
    await page.getByRole('status').filter({ hasText: 'Version 1 is published' }).waitFor();
    expect((await admin.get('/api/admin/workflows/laptops/versions')).body.items).toHaveLength(1);
    await context.close();
  }, 60_000);

  it('places an escalation problem at its row, and edits a transition guard in the Lifecycle tab', async () => {
    const { context, page } = await signedIn(browser, t.url, 'admin@example.com');
    await openBuilder(page);

    // A template that does not exist, typed into the raw JSON.
    await tab(page, 'Raw JSON').click();
    const raw = page.getByLabel('The whole workflow as JSON');
    await raw.fill((await raw.inputValue()).replace('"sla-warning"', '"sla-warnings"'));
    await page.getByRole('button', { name: 'Save draft' }).click();
    const summary = page.locator('[data-problem-summary]');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Escalations › Escalation 1: the template "sla-warnings" does not exist');
    await summary.getByRole('button', { name: 'Escalations › Escalation 1' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-escalation'))).toBe('0');
    const first = page.locator('[data-escalation="0"] [data-action="0"]');
    expect(await first.locator('[data-problems]').textContent()).toContain('the template "sla-warnings" does not exist');
    await first.getByLabel('Template').selectOption('sla-breach');

    // The lifecycle: states listed, the guard shown as a row.
    await tab(page, 'Lifecycle').click();
    await page.getByRole('list', { name: 'States' }).waitFor();
    const guard = page.locator('[data-transition="1"]').getByRole('group', { name: 'Only when' });
    expect(await guard.getByLabel('What condition 1 checks').inputValue()).toBe('ticket.assignee');
    expect(await guard.getByLabel('How condition 1 compares').inputValue()).toBe('!=:null');
    await guard.getByRole('button', { name: 'Remove condition 1' }).click();
    await guard.locator('[data-always]').waitFor();
    const open = page.locator('[data-transition="0"]').getByRole('group', { name: 'Only when' });
    await open.getByRole('button', { name: 'Add a condition to the rule' }).click();
    await open.getByLabel('What condition 1 checks').selectOption({ label: 'Ticket priority' });
    await open.getByLabel('Value of condition 1').selectOption('P1');
    await expectAccessible(page, 'builder lifecycle tab');

    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Draft saved' }).waitFor();
    const after = await stored();
    expect(after.escalations[0].do[0]).toEqual({ notify: { template: 'sla-breach', to: ['queue.manager'] } });
    expect(after.lifecycle).toEqual({
      ...laptops.lifecycle,
      transitions: [
        { from: ['new'], to: 'in-progress', when: { '==': [{ var: 'ticket.priority' }, 'P1'] } },
        { from: ['new', 'in-progress'], to: 'resolved', requires: ['resolution.code'] },
        { from: ['resolved'], to: 'closed' },
      ],
    });
    await context.close();
  }, 60_000);

  it('adds a state and a transition to it in the Lifecycle tab, and shows a transition to a removed state at its row', async () => {
    const { context, page } = await signedIn(browser, t.url, 'admin@example.com');
    await openBuilder(page);
    await tab(page, 'Lifecycle').click();
    const before = (await stored()).lifecycle;

    // A new state: focus goes to its id.
    await page.getByRole('button', { name: 'Add a state' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('wb-state-4-id');
    await page.getByLabel('Id of state 5').fill('waiting-for-parts');
    await page.getByLabel('Class of state 5').selectOption('pending');
    await page.getByRole('group', { name: 'Name of waiting-for-parts shown to people' }).getByLabel('English').fill('Waiting for parts');

    // A new transition, from in progress to it, for agents only.
    await page.getByRole('button', { name: 'Add a transition' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('wb-transition-3-to');
    const added = page.locator('[data-transition="3"]');
    const from = added.getByRole('group', { name: 'From' });
    await from.getByLabel('new').uncheck();
    await from.getByLabel('In progress').check();
    await added.getByLabel('To', { exact: true }).selectOption('waiting-for-parts');
    const who = added.getByRole('group', { name: 'Who may take it' });
    for (const role of ['Specialists', 'Managers', 'Admins']) await who.getByLabel(role).uncheck();
    expect(await added.getByRole('heading').textContent()).toBe('Transition 4: In progress → Waiting for parts');
    await expectAccessible(page, 'builder lifecycle editing');

    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Draft saved' }).waitFor();
    expect((await stored()).lifecycle).toEqual({
      states: [...before.states, { id: 'waiting-for-parts', class: 'pending', label: { en: 'Waiting for parts' } }],
      transitions: [...before.transitions, { from: ['in-progress'], to: 'waiting-for-parts', roles: ['agent'], requires: [] }],
    });

    // Removing the state leaves the transition naming it: the desk refuses, at that transition's To.
    await page.getByRole('button', { name: 'Remove state waiting-for-parts' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('wb-state-3-id');
    await page.getByRole('button', { name: 'Save draft' }).click();
    const summary = page.locator('[data-problem-summary]');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Lifecycle › Transition 4');
    expect(await added.locator('[data-problems]').first().textContent()).toContain('"waiting-for-parts" is not one of the lifecycle\'s states');
    expect(await added.getByLabel('To', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await summary.getByRole('button', { name: 'Lifecycle › Transition 4' }).first().click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-transition'))).toBe('3');
    expect((await stored()).lifecycle.states).toHaveLength(5);
    await context.close();
  }, 60_000);
});
