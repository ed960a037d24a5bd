/**
 * The desk settings pages in a real browser: an admin adds a holiday and
 * changes Friday's hours in a calendar, sets a P2 resolution target of 6 h,
 * makes a group with two members and a duty rota and a queue for it,
 * creates an account, changes its roles and deactivates it, and fills a workflow's priority matrix, which the
 * simulation then follows. What the desk refuses (an interval that ends
 * before it starts, an id already in use) is shown at its control.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, screenshot, signedIn } from '../support/browser.ts';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let browser: Browser;
let admin: Client;
let page: Page;

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestDesk({ smtp: false }), launchBrowser()]);
  admin = await t.as('admin@example.com');
  ({ page } = await signedIn(browser, t.url, 'admin@example.com'));
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** The page's own content, apart from the header's language and profile controls. */
const main = () => page.getByRole('main');
const saved = (p: Page) => p.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
const problemsAt = (p: Page, selector: string) => p.locator(`${selector} [data-problems]`);

describe('desk settings pages', () => {
  it('edits a calendar: a new holiday and shorter Friday hours; a Friday that closes before it opens is refused there', async () => {
    await page.getByRole('link', { name: 'Desk settings' }).click();
    await page.getByRole('heading', { name: 'Queues', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Admin pages' }).getByRole('link', { name: 'Calendars' }).click();
    await page.locator('tr[data-calendar="uk-office"]').waitFor();
    await expectAccessible(page, 'calendars list');
    await page.getByRole('link', { name: 'UK office hours' }).click();
    await page.getByRole('heading', { name: 'Calendar: UK office hours' }).waitFor();
    expect(await main().getByLabel('Time zone').inputValue()).toBe('Europe/London');

    // Friday closes before it opens: the desk refuses, and says so beside Friday's hours.
    await main().getByLabel('Friday, interval 1: closes').fill('08:00');
    await page.locator('[data-unsaved]').waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => problemsAt(page, 'tr[data-day="fri"]').textContent()).toContain('an interval must end after it starts');
    // The summary names the control as the page does, not by its path alone.
    expect(await page.locator('[data-problem-summary] li button').allTextContents()).toEqual(['Friday, interval 1: opens']);
    await expectAccessible(page, 'calendar editor with a problem');
    expect((await admin.get('/api/admin/calendars')).body.items[0].hours.fri).toEqual([['08:30', '17:30']]);

    await main().getByLabel('Friday, interval 1: closes').fill('16:00');
    // A holiday added by mistake and removed: focus goes to the holiday before it.
    const before = await page.locator('tr[data-holiday]').count();
    await page.getByRole('button', { name: 'Add a holiday' }).click();
    await page.getByRole('button', { name: `Remove holiday ${before + 1}` }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Date of holiday ${before}`);
    await page.getByRole('button', { name: 'Add a holiday' }).click();
    const rows = await page.locator('tr[data-holiday]').count();
    await main().getByLabel(`Date of holiday ${rows}`).fill('2026-12-31');
    await main().getByLabel(`Name of holiday ${rows}`).fill("New Year's Eve");
    await main().getByLabel(`Holiday ${rows} every year`).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await saved(page);
    await page.locator('[data-saved]').waitFor();
    expect(await problemsAt(page, 'tr[data-day="fri"]').count()).toBe(0);
    const cal = (await admin.get('/api/admin/calendars')).body.items.find((c: { id: string }) => c.id === 'uk-office');
    expect(cal.hours.fri).toEqual([['08:30', '16:00']]);
    expect(cal.hours.thu).toEqual([['08:30', '17:30']]);
    expect(cal.holidays.at(-1)).toEqual({ date: '2026-12-31', name: "New Year's Eve", yearly: true });
    await expectAccessible(page, 'calendar editor');
    await screenshot(page, 'desk-calendar');
  });

  it('sets a P2 resolution target of 6 hours, typed as hours and minutes', async () => {
    await page.goto('/admin/sla-policies');
    await page.locator('tr[data-policy="standard"]').waitFor();
    await expectAccessible(page, 'SLA policies list');
    await page.getByRole('link', { name: 'Standard' }).click();
    await page.getByRole('heading', { name: 'SLA policy: Standard' }).waitFor();
    await main().getByLabel('P2 resolution: hours').fill('6');
    await main().getByLabel('P2 resolution: minutes').fill('0');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await saved(page);
    const policy = (await admin.get('/api/admin/sla-policies')).body.items.find((p: { id: string }) => p.id === 'standard');
    expect(policy.targets.P2.resolutionMinutes).toBe(360);
    await expectAccessible(page, 'SLA policy editor');
  });

  it('makes a group with two members and a rota, and a queue it works; an id in use is refused at the id', async () => {
    await page.getByRole('navigation', { name: 'Admin pages' }).getByRole('link', { name: 'Groups' }).click();
    await page.locator('tr[data-group="service-desk"]').waitFor();
    await expectAccessible(page, 'groups list');
    await page.getByRole('link', { name: 'New group' }).click();
    await page.getByRole('heading', { name: 'New group' }).waitFor();
    await main().getByLabel('Id', { exact: true }).fill('facilities');
    await page.getByRole('group', { name: 'Name' }).getByLabel('English').fill('Facilities');
    await main().getByLabel('Tier').selectOption({ label: 'Second line' });
    await page.getByRole('checkbox', { name: /Sam Agent/ }).check();
    await page.getByRole('checkbox', { name: /Nia Specialist/ }).check();
    await page.getByRole('checkbox', { name: 'Use a duty rota' }).check();
    await main().getByLabel('Time zone').selectOption('Europe/London');
    await page.getByRole('button', { name: 'Add a shift' }).click();
    await page.getByRole('button', { name: 'Add a shift' }).click();
    const second = page.locator('[data-shift="1"]');
    await second.getByLabel('Who').selectOption({ label: 'Nia Specialist' });
    await second.getByLabel('From').fill('22:00');
    await second.getByLabel('To').fill('06:00');
    await second.getByRole('checkbox', { name: 'Mon' }).uncheck();
    await expectAccessible(page, 'new group');
    await page.getByRole('button', { name: 'Create' }).click();
    await saved(page);
    expect(page.url()).toMatch(/\/admin\/groups\/facilities$/);
    await page.getByRole('heading', { name: 'Group: Facilities' }).waitFor();
    await screenshot(page, 'desk-group');

    const group = (await admin.get('/api/admin/groups')).body.items.find((g: { id: string }) => g.id === 'facilities');
    expect(group).toMatchObject({ tier: 'second-line', name: { en: 'Facilities' } });
    expect(group.rota).toEqual({
      timeZone: 'Europe/London',
      shifts: [
        { member: 'agent@example.com', days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' },
        { member: 'specialist@example.com', days: ['tue', 'wed', 'thu', 'fri'], from: '22:00', to: '06:00' },
      ],
    });
    expect((await admin.get('/api/groups/facilities/rota')).body.rota.shifts).toHaveLength(2);
    const members = (await admin.get('/api/admin/users')).body.items.filter((u: { groups: string[] }) => u.groups.includes('facilities'));
    expect(members.map((u: { email: string }) => u.email)).toEqual(['agent@example.com', 'specialist@example.com']);

    // Saved, then edited: a new name keeps the rota.
    await page.getByRole('group', { name: 'Name' }).getByLabel('English').fill('Facilities and estates');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await saved(page);
    const renamed = (await admin.get('/api/admin/groups')).body.items.find((g: { id: string }) => g.id === 'facilities');
    expect(renamed.name.en).toBe('Facilities and estates');
    expect(renamed.rota.shifts).toHaveLength(2);

    // A queue for it, first under an id that is taken.
    await page.getByRole('navigation', { name: 'Admin pages' }).getByRole('link', { name: 'Queues' }).click();
    await page.locator('tr[data-queue="first-line"]').waitFor();
    await expectAccessible(page, 'queues list');
    await page.getByRole('link', { name: 'New queue' }).click();
    await main().getByLabel('Id', { exact: true }).fill('first-line');
    await page.getByRole('group', { name: 'Name' }).getByLabel('English').fill('Facilities');
    await main().getByLabel('Worked by the group').selectOption({ label: 'Facilities and estates' });
    await main().getByLabel('Manager (e-mail)').fill('manager@example.com');
    await page.getByRole('radio', { name: /Round robin/ }).check();
    await page.getByRole('button', { name: 'Create' }).click();
    const idProblem = page.locator('.prop:has(#ds-id) [data-problems]');
    await expect.poll(() => idProblem.textContent()).toContain('is already in use');
    expect(await main().getByLabel('Id', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'queue editor with a problem');

    await main().getByLabel('Id', { exact: true }).fill('facilities');
    await page.getByRole('button', { name: 'Create' }).click();
    await saved(page);
    expect(page.url()).toMatch(/\/admin\/queues\/facilities$/);
    const queue = (await admin.get('/api/admin/queues')).body.items.find((q: { id: string }) => q.id === 'facilities');
    expect(queue).toEqual({
      id: 'facilities', name: { en: 'Facilities' }, group: 'facilities', manager: 'manager@example.com', assignment: 'round-robin',
      revision: 1, updatedAt: expect.any(String), updatedBy: 'admin@example.com',
    });
    // The first-line queue was left alone.
    expect((await admin.get('/api/admin/queues')).body.items.find((q: { id: string }) => q.id === 'first-line').group).toBe('service-desk');
    await screenshot(page, 'desk-queue');
  }, 60_000);

  it('holds an editor with unsaved changes when the admin follows a link away', async () => {
    await page.goto('/admin/queues/facilities');
    await page.getByRole('heading', { name: 'Queue: Facilities' }).waitFor();
    await page.getByRole('group', { name: 'Name' }).getByLabel('English').fill('Estates');
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.dismiss();
    });
    await page.getByRole('navigation', { name: 'Admin pages' }).getByRole('link', { name: 'Groups' }).click();
    await expect.poll(() => asked).toBe('You have unsaved changes on this page. Leave and lose them?');
    expect(page.url()).toMatch(/\/admin\/queues\/facilities$/);
    expect(await page.getByRole('group', { name: 'Name' }).getByLabel('English').inputValue()).toBe('Estates');
  });

  it('creates an account, which the list then finds', async () => {
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('navigation', { name: 'Admin pages' }).getByRole('link', { name: 'Users' }).click();
    await page.locator('tr[data-user="agent@example.com"]').waitFor();
    await expectAccessible(page, 'users list');
    await page.getByRole('button', { name: 'New account' }).click();
    await main().getByLabel('Name', { exact: true }).fill('Rhys Agent');
    await main().getByLabel('E-mail', { exact: true }).fill('rhys@example.com');
    await page.getByRole('checkbox', { name: 'Requester' }).uncheck();
    await page.getByRole('checkbox', { name: 'Agent' }).check();
    await main().getByLabel('Initial password').fill('short');
    await main().getByLabel('Language').selectOption('cy');
    await page.getByRole('checkbox', { name: 'Facilities and estates' }).check();
    await page.getByRole('button', { name: 'Create account' }).click();
    // Too short a password is refused beside the password.
    await expect.poll(() => page.locator('.prop:has(#ds-password) [data-problems]').textContent()).toContain('at least 12 characters');
    await expectAccessible(page, 'new account with a problem');
    await main().getByLabel('Initial password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('status').filter({ hasText: 'Account rhys@example.com created.' }).waitFor();
    await main().getByLabel('Search by name or e-mail').fill('rhys');
    expect(await page.locator('tr[data-user]').count()).toBe(1);
    expect(await page.locator('tr[data-user="rhys@example.com"]').textContent()).toContain('Agent');
    const user = (await admin.get('/api/admin/users')).body.items.find((u: { email: string }) => u.email === 'rhys@example.com');
    expect(user).toMatchObject({ name: 'Rhys Agent', roles: ['agent'], locale: 'cy', groups: ['facilities'] });
    // The new agent signs in with the password given.
    const res = await fetch(`${t.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: t.url }, body: JSON.stringify({ email: 'rhys@example.com', password: 'a long enough password' }) });
    expect(res.status).toBe(200);
    await expectAccessible(page, 'users list with a new account');
  });

  it('changes an account\'s roles and deactivates it after saying what that does; the list marks and filters it', async () => {
    const rhys = await t.as('rhys@example.com', 'a long enough password');
    await page.getByRole('link', { name: 'Rhys Agent' }).click();
    await page.getByRole('heading', { name: 'Account: Rhys Agent' }).waitFor();
    await expectAccessible(page, 'account editor');
    await main().getByRole('checkbox', { name: 'Specialist' }).check();
    await page.locator('[data-unsaved]').waitFor();

    // Switching the account off asks first, and says what happens.
    await main().getByRole('switch', { name: 'Account active' }).click();
    const ask = page.getByRole('alertdialog', { name: 'Deactivate Rhys Agent?' });
    expect(await ask.textContent()).toContain('signed out everywhere at once');
    await expectAccessible(page, 'account editor asking before deactivating');
    await ask.getByRole('button', { name: 'Keep active' }).click();
    expect(await main().getByRole('switch', { name: 'Account active' }).isChecked()).toBe(true);
    await main().getByRole('switch', { name: 'Account active' }).click();
    await ask.getByRole('button', { name: 'Deactivate' }).click();
    expect(await main().getByRole('switch', { name: 'Account active' }).isChecked()).toBe(false);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await saved(page);
    await page.locator('[data-deactivated]').waitFor();
    const stored = (await admin.get('/api/admin/users')).body.items.find((u: { email: string }) => u.email === 'rhys@example.com');
    expect(stored.roles).toEqual(['agent', 'specialist']);
    expect(stored.deactivatedAt).not.toBeNull();
    // Signed out at once.
    expect((await rhys.get('/api/me')).status).toBe(401);

    // A new password too short is refused beside it.
    await main().getByLabel('New password').fill('short');
    await page.getByRole('button', { name: 'Set password' }).click();
    await expect.poll(() => page.locator('.prop:has(#ds-new-password) [data-problems]').textContent()).toContain('at least 12 characters');

    await page.getByRole('link', { name: '← All users' }).click();
    await page.locator('tr[data-user="rhys@example.com"]').waitFor();
    expect(await page.locator('tr[data-user="rhys@example.com"]').textContent()).toContain('Deactivated');
    expect(await page.locator('tr[data-user="agent@example.com"]').textContent()).toContain('Active');
    await main().getByLabel('Show').selectOption('deactivated');
    await expect.poll(() => page.locator('tr[data-user]').count()).toBe(1);
    expect(await page.locator('tr[data-user]').getAttribute('data-user')).toBe('rhys@example.com');
    await expectAccessible(page, 'users list of deactivated accounts');
    await main().getByLabel('Show').selectOption('active');
    await page.locator('tr[data-user="agent@example.com"]').waitFor();
    expect(await page.locator('tr[data-user="rhys@example.com"]').count()).toBe(0);
  });

  it('fills a workflow draft\'s priority matrix, and the simulation follows it', async () => {
    const option = (value: string, en: string) => ({ value, label: { en } });
    const draft = {
      id: 'room-fault',
      name: { en: 'Room fault' },
      kind: 'incident',
      form: {
        fields: [
          { key: 'summary', type: 'text', required: true, label: { en: 'Summary' } },
          { key: 'reach', type: 'select', required: true, label: { en: 'Who is affected?' }, options: [option('me', 'Just me'), option('floor', 'A whole floor')] },
          { key: 'when', type: 'select', required: true, label: { en: 'How soon?' }, options: [option('today', 'Today'), option('week', 'This week')] },
        ],
      },
      priority: { default: 'P4' },
      defaultQueue: 'first-line',
      sla: 'standard',
    };
    expect((await admin.put('/api/admin/workflows/room-fault/draft', draft)).status).toBe(200);
    await page.goto('/admin/workflows/room-fault');
    await page.getByRole('tab', { name: /^Priority/ }).click();
    // The format's default field names ("impact", "urgency") are not in this form: the grid waits for a choice.
    await page.getByText('Choose a choice field for impact and one for urgency').waitFor();
    await main().getByLabel('Impact comes from the field').selectOption('reach');
    await main().getByLabel('Urgency comes from the field').selectOption('when');
    const grid = page.getByRole('table', { name: 'Impact (Who is affected?) by urgency (How soon?)' });
    await grid.getByLabel('Priority when impact is A whole floor and urgency is Today').selectOption('P1');
    await grid.getByLabel('Priority when impact is A whole floor and urgency is This week').selectOption('P3');
    await grid.getByLabel('Priority when impact is Just me and urgency is Today').selectOption('P2');
    await expectAccessible(page, 'builder priority tab');
    await screenshot(page, 'builder-priority');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.locator('[data-saved]').waitFor();
    const stored = (await admin.get('/api/admin/workflows/room-fault')).body.draft;
    expect(stored.priority).toEqual({ default: 'P4', impactField: 'reach', urgencyField: 'when', matrix: { floor: { today: 'P1', week: 'P3' }, me: { today: 'P2' } } });

    await page.getByRole('tab', { name: /^Form/ }).click();
    const preview = page.locator('[data-preview]');
    await preview.getByLabel(/Summary/).fill('Lights out');
    await preview.getByLabel(/Who is affected/).selectOption({ label: 'A whole floor' });
    await preview.getByLabel(/How soon/).selectOption({ label: 'Today' });
    await preview.getByRole('button', { name: 'Simulate' }).click();
    await expect.poll(() => page.locator('[data-simulation] [data-sim=priority]').textContent()).toBe('P1 critical');
    // An empty cell gives the default priority.
    await preview.getByLabel(/Who is affected/).selectOption({ label: 'Just me' });
    await preview.getByLabel(/How soon/).selectOption({ label: 'This week' });
    await preview.getByRole('button', { name: 'Simulate' }).click();
    await expect.poll(() => page.locator('[data-simulation] [data-sim=priority]').textContent()).toBe('P4 low');
  });

  it('shows a matrix cell the desk refuses beside its row, and keeps cells the grid cannot show', async () => {
    await page.goto('/admin/workflows/room-fault');
    await page.getByRole('tab', { name: /^Priority/ }).click();
    // Impact now read from "How soon?": the rows written for "Who is affected?" are no options of it.
    await main().getByLabel('Impact comes from the field').selectOption('when');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.locator('[data-problem-summary]').waitFor();
    const panel = page.getByRole('tabpanel');
    await expect.poll(() => panel.locator('[data-problems]').first().textContent()).toContain('"floor" is not an option of the field "when"');
    expect(await panel.textContent()).toContain('floor × today, floor × week, me × today');
    expect(await page.getByRole('tab', { name: /^Priority/ }).textContent()).toMatch(/Priority\s*2/);
    expect((await admin.get('/api/admin/workflows/room-fault')).body.draft.priority.impactField).toBe('reach');
    await expectAccessible(page, 'builder priority tab with problems');
  });
});
