/**
 * Two admins on one desk setting, in a real browser: a save based on a
 * queue someone else changed since it was opened is refused and said
 * plainly, with their version to look at, take, or knowingly save over;
 * a group still worked by a queue cannot be deleted and the page names
 * the queue; a queue nothing uses is deleted from its page.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, signedIn } from '../support/browser.ts';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let browser: Browser;
let other: Client;
let page: Page;

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestDesk({ smtp: false }), launchBrowser()]);
  other = await t.as('admin@example.com');
  ({ page } = await signedIn(browser, t.url, 'admin@example.com'));
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const queue = async (id: string) => (await other.get('/api/admin/queues')).body.items.find((q: { id: string }) => q.id === id);
const englishName = () => page.getByRole('group', { name: 'Name' }).getByLabel('English');

describe('desk settings two admins share', () => {
  it('refuses a save over a newer one, shows theirs, and saves mine over it only when asked', async () => {
    await page.goto('/admin/queues/network');
    await page.getByRole('heading', { name: 'Queue: Network' }).waitFor();

    // Another admin renames the queue while this page is open.
    const opened = await queue('network');
    const { revision: _r, updatedAt: _a, updatedBy: _b, ...value } = opened;
    expect((await other.put(`/api/admin/queues/network?baseRevision=${opened.revision}`, { ...value, name: { en: 'Wi-Fi and network' } })).status).toBe(200);

    await englishName().fill('Networks');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const conflict = page.locator('[data-conflict]');
    await conflict.waitFor();
    expect(await conflict.getAttribute('role')).toBe('alert');
    expect(await conflict.textContent()).toContain(`admin@example.com saved this queue (revision ${opened.revision + 1}) after you opened it`);
    await conflict.locator('summary', { hasText: 'Their version' }).click();
    expect(await conflict.locator('[data-theirs]').textContent()).toContain('Wi-Fi and network');
    // Nothing was overwritten, and what this admin typed is still there.
    expect((await queue('network')).name.en).toBe('Wi-Fi and network');
    expect(await englishName().inputValue()).toBe('Networks');
    await expectAccessible(page, 'desk setting conflict');

    await conflict.getByRole('button', { name: 'Save mine over theirs' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(await page.locator('[data-conflict]').count()).toBe(0);
    expect(await queue('network')).toMatchObject({ name: { en: 'Networks' }, revision: opened.revision + 2 });
  });

  it('takes their version instead, when asked', async () => {
    await page.goto('/admin/queues/identity');
    await page.getByRole('heading', { name: /^Queue: / }).waitFor();
    const opened = await queue('identity');
    const { revision: _r, updatedAt: _a, updatedBy: _b, ...value } = opened;
    expect((await other.put('/api/admin/queues/identity', { ...value, name: { en: 'Identity and access' } })).status).toBe(200);
    await englishName().fill('Logins');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('[data-conflict]').getByRole('button', { name: 'Use their version' }).click();
    expect(await englishName().inputValue()).toBe('Identity and access');
    expect(await page.locator('[data-conflict]').count()).toBe(0);
    expect((await queue('identity')).name.en).toBe('Identity and access');
  });

  it('will not delete a group a queue works from, naming the queue; deletes a queue nothing uses', async () => {
    await page.goto('/admin/groups/network-team');
    await page.getByRole('heading', { name: /^Group: / }).waitFor();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.locator('[data-confirm-delete]').getByRole('button', { name: 'Delete', exact: true }).click();
    const inUse = page.locator('[data-in-use]');
    await inUse.waitFor();
    expect(await inUse.locator('li').allTextContents()).toEqual(['the queue "network" is worked by it']);
    expect((await other.get('/api/admin/groups')).body.items.some((g: { id: string }) => g.id === 'network-team')).toBe(true);
    await expectAccessible(page, 'desk setting in use');

    expect((await other.post('/api/admin/queues', { id: 'spare', name: { en: 'Spare' }, group: 'network-team' })).status).toBe(201);
    await page.goto('/admin/queues/spare');
    await page.getByRole('heading', { name: 'Queue: Spare' }).waitFor();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.locator('[data-confirm-delete]').getByRole('button', { name: 'Delete', exact: true }).click();
    await page.waitForURL('**/admin/queues');
    await page.getByRole('heading', { name: 'Queues', level: 1 }).waitFor();
    expect(await queue('spare')).toBeUndefined();
  });
}, 90_000);
