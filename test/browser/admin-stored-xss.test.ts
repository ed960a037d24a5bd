/**
 * Stored XSS through the admin pages, in a real browser: payloads from the
 * corpus (test/fixtures/security/) and our own are stored through the admin
 * API as the names of queues, groups, SLA policies, calendars and their
 * holidays, people's names, a workflow's name, description, field labels
 * and option labels, and a template's subject and body. Then Chromium opens
 * every admin page that shows them — the settings lists and editors, the
 * builder's tabs and pickers, its simulation, the template list, editor and
 * preview — and nothing may run (the detectors of test/support/xss.ts, which
 * stored-xss.test.ts shows do trip). Under the desk's CSP and without it.
 *
 * Mirrors GLPI CVE-2026-42321: an admin's own screens run what a lesser
 * admin (or an import) stored.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signedIn } from '../support/browser.ts';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';
import { expectInert, ours, payloads, runnableInDom, settle, watching, type Seen } from '../support/xss.ts';

let t: TestDesk;
let browser: Browser;
let admin: Client;

const en = (text: string) => ({ en: text });
/** Each stored name ends in a plain tag of its own, so a list shows it whole and a test can find it. */
const named = (p: string, i: number) => `${p} #${i}`;
const targets = { P1: { responseMinutes: 15, resolutionMinutes: 240 }, P2: { responseMinutes: 30, resolutionMinutes: 480 }, P3: { responseMinutes: 60, resolutionMinutes: 1440 }, P4: { responseMinutes: 240, resolutionMinutes: 4320 } };

const groupNames = payloads.map(named);
const queueNames = payloads.map(named);
const policyNames = payloads.map(named);
const holidayNames = payloads.map(named);
const calendarName = named(ours[0]!, 0);
const peopleNames = ours.map(named);
const fieldLabels = payloads.slice(0, 20).map(named);
const optionLabels = payloads.slice(20, 40).map(named);
const workflowName = named(ours[1]!, 1);
const description = payloads.join(' ');
/** A template's text may not hold `{{`; Handlebars writes `\{{` out as it is. */
const literal = (text: string) => text.replace(/\{\{/g, '\\{{');
const subjectText = payloads.filter((p) => p.length < 60).slice(0, 8).join(' ');
const bodyLines = payloads;

const ok = async (res: Promise<{ status: number; body: any }>, status = 201) => {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
};

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestDesk({ smtp: false }), launchBrowser()]);
  admin = await t.as('admin@example.com');
  for (const [i, name] of peopleNames.entries()) {
    await ok(admin.post('/api/admin/users', { email: `person${i}@example.com`, name, password: 'a long enough password', roles: ['agent'], groups: ['service-desk'] }));
  }
  await ok(admin.post('/api/admin/calendars', {
    id: 'xss-calendar', name: en(calendarName), timeZone: 'Europe/London',
    hours: { mon: [['09:00', '17:00']] },
    holidays: holidayNames.map((name, i) => ({ date: `2027-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + Math.floor(i / 12)).padStart(2, '0')}`, name })),
  }));
  for (const [i, name] of groupNames.entries()) await ok(admin.post('/api/admin/groups', { id: `group-${i}`, name: en(name), tier: 'first-line' }));
  await ok(admin.put('/api/admin/groups/group-0/members', { members: ['person0@example.com', 'person1@example.com', 'agent@example.com'] }), 200);
  for (const [i, name] of queueNames.entries()) await ok(admin.post('/api/admin/queues', { id: `queue-${i}`, name: en(name), group: `group-${i}` }));
  for (const [i, name] of policyNames.entries()) await ok(admin.post('/api/admin/sla-policies', { id: `policy-${i}`, name: en(name), calendar: 'xss-calendar', targets }));
  await ok(admin.put('/api/admin/templates/en/xss-template', { subject: literal(subjectText), body: literal(bodyLines.join('\n')) }), 200);
  await ok(
    admin.put('/api/admin/workflows/xss-form/draft', {
      id: 'xss-form',
      name: en(workflowName),
      description: en(description),
      kind: 'request',
      form: {
        fields: [
          ...fieldLabels.map((label, i) => ({ key: `field_${i}`, type: 'text', label: en(label) })),
          { key: 'choice', type: 'select', label: en('Choice'), options: optionLabels.map((label, i) => ({ value: `option-${i}`, label: en(label) })) },
        ],
      },
      priority: { default: 'P4' },
      categorise: [{ when: { '==': [{ var: 'fields.choice' }, 'option-1'] }, set: { queue: 'queue-1' } }],
      defaultQueue: 'queue-0',
      sla: 'policy-0',
      notifications: [{ on: 'ticket.created', template: 'xss-template', to: ['requester'] }],
      escalations: [{ at: { clock: 'resolution', percent: 80 }, do: [{ notify: { template: 'xss-template', to: ['queue.manager'] } }, { setQueue: 'queue-2' }] }],
    }),
    200,
  );
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** The values of every text box in the main area: names in an editor are there, not in its text. */
const inputValues = (page: Page) => page.locator('main').evaluate((m) => Array.from(m.querySelectorAll('input, textarea')).map((el) => (el as HTMLInputElement).value).join('\n'));
const tab = (page: Page, name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) });

async function openList(page: Page, seen: Seen, path: string, texts: string[]) {
  await page.goto(path);
  await page.locator('main h1').waitFor();
  await page.locator('main').getByText(texts.at(-1)!, { exact: false }).first().waitFor();
  await expectInert(page, seen, path, texts);
}

describe.each([
  { mode: 'under the desk’s CSP', bypassCSP: false },
  { mode: 'with the CSP bypassed (the UI’s own escaping)', bypassCSP: true },
])('stored payloads run nowhere in the admin pages, $mode', ({ bypassCSP }) => {
  it('in the desk settings lists and editors', async () => {
    const { seen, prepare, forgiveSignIn } = watching();
    const { context, page } = await signedIn(browser, t.url, 'admin@example.com', { bypassCSP, prepare });
    forgiveSignIn();
    try {
      await openList(page, seen, '/admin/queues', queueNames);
      await openList(page, seen, '/admin/groups', groupNames);
      await openList(page, seen, '/admin/sla-policies', policyNames);
      await openList(page, seen, '/admin/calendars', [calendarName]);
      await openList(page, seen, '/admin/users', peopleNames);

      // The editors: names sit in text boxes and pickers.
      for (const [path, names] of [
        ['/admin/queues/queue-0', [queueNames[0]!]],
        ['/admin/groups/group-0', [groupNames[0]!, peopleNames[0]!, peopleNames[1]!]],
        ['/admin/sla-policies/policy-0', [policyNames[0]!]],
        ['/admin/calendars/xss-calendar', [calendarName, ...holidayNames]],
      ] as const) {
        await page.goto(path);
        await page.locator('main input').first().waitFor();
        await settle(page);
        const values = await inputValues(page);
        const shown = `${values}\n${await page.locator('main').innerText()}`;
        for (const name of names) expect(shown, `${path} shows ${JSON.stringify(name)}`).toContain(name);
        await expectInert(page, seen, path, []);
      }
    } finally {
      await context.close();
    }
  }, 60_000);

  it('in the builder’s tabs, pickers and simulation', async () => {
    const { seen, prepare, forgiveSignIn } = watching();
    const { context, page } = await signedIn(browser, t.url, 'admin@example.com', { bypassCSP, prepare });
    forgiveSignIn();
    try {
      await openList(page, seen, '/admin/workflows', [workflowName]);
      await page.goto('/admin/workflows/xss-form');
      await page.getByRole('heading', { name: `Workflow: ${workflowName}` }).waitFor();
      await tab(page, 'Details').click();
      await expect.poll(() => inputValues(page)).toContain(description);
      await expectInert(page, seen, 'builder details', []);

      await tab(page, 'Form').click();
      await expectInert(page, seen, 'builder form', []);
      const form = `${await inputValues(page)}\n${await page.locator('main').innerText()}`;
      for (const label of [...fieldLabels, ...optionLabels]) expect(form, `the form tab shows ${JSON.stringify(label)}`).toContain(label);

      // The simulation names the queue the rules chose.
      const preview = page.locator('[data-preview]');
      await preview.getByLabel('Choice').selectOption({ label: optionLabels[1]! });
      await preview.getByRole('button', { name: 'Simulate' }).click();
      await page.locator('[data-simulation]').waitFor();
      await expectInert(page, seen, 'builder simulation', [queueNames[1]!]);

      for (const name of ['Routing', 'Priority', 'SLA', 'Notifications', 'Escalations', 'Lifecycle']) {
        await tab(page, name).click();
        await expectInert(page, seen, `builder ${name}`, []);
      }
      // Pickers list every queue and policy by name.
      await tab(page, 'Routing').click();
      const options = await page.locator('main select option').allTextContents();
      for (const name of queueNames) expect(options.join('\n'), 'the routing tab offers every queue').toContain(name);
      await tab(page, 'SLA').click();
      expect((await page.locator('main select option').allTextContents()).join('\n'), 'the SLA tab offers every policy').toContain(policyNames.at(-1)!);

      // The template panel: its editor, variables and preview.
      await tab(page, 'Notifications').click();
      await page.getByRole('button', { name: 'Edit template' }).first().click();
      await page.locator('[data-preview-html]').waitFor();
      await expectFramesInert(page);
      await expectInert(page, seen, 'builder template panel', []);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('in the template list, editor and preview', async () => {
    const { seen, prepare, forgiveSignIn } = watching();
    const { context, page } = await signedIn(browser, t.url, 'admin@example.com', { bypassCSP, prepare });
    forgiveSignIn();
    try {
      await openList(page, seen, '/admin/templates', ['xss-template']);
      await page.goto('/admin/templates/xss-template');
      await page.locator('[data-preview-html]').waitFor();
      await expectFramesInert(page);
      await expectInert(page, seen, 'template editor', []);
      expect(await page.locator('main textarea').first().inputValue()).toBe(literal(bodyLines.join('\n')));
    } finally {
      await context.close();
    }
  }, 60_000);
});

/** The preview's HTML part is in a sandboxed frame: it shows every payload as text and holds nothing that could run. */
async function expectFramesInert(page: Page) {
  const frame = page.locator('[data-preview-html]');
  expect(await frame.getAttribute('sandbox')).toBe('');
  const inside = page.frameLocator('[data-preview-html]').locator('body');
  await expect.poll(() => inside.innerText()).toContain(bodyLines[0]);
  const text = await inside.innerText();
  for (const p of bodyLines) expect(text, `the preview shows ${JSON.stringify(p)}`).toContain(p);
  expect(await inside.locator('img, svg, script, iframe, a, details, input, math, noscript').count(), 'elements in the preview').toBe(0);
  const subject = await page.locator('main').innerText();
  expect(subject).toContain(subjectText);
}

describe('the detectors in the template preview', () => {
  it('catch a preview iframe that would be allowed to run script', async () => {
    const { prepare, forgiveSignIn } = watching();
    const { context, page } = await signedIn(browser, t.url, 'admin@example.com', { bypassCSP: true, prepare });
    forgiveSignIn();
    try {
      await page.goto('/admin/templates/xss-template');
      await page.locator('[data-preview-html]').waitFor();
      expect(await runnableInDom(page)).toEqual([]);
      await page.locator('[data-preview-html]').evaluate((el) => el.setAttribute('sandbox', 'allow-scripts'));
      expect((await runnableInDom(page)).length).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });
});
