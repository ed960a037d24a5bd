/**
 * Stored XSS in a real browser (issue 8, item 6): payloads from the corpus
 * (test/fixtures/security/) and a few of our own go in through the API as
 * ticket titles and form fields, file names, public replies, internal notes,
 * a requester's reply, resolution notes, a saved view's name and two
 * people's names; rendered notification subjects carry them too. Then
 * Chromium opens every page that shows them — the requester's "my tickets"
 * and ticket pages, the agent's list, search and ticket view with its
 * timeline — and nothing may run: no dialog, no marker global, no page
 * error, no inline handler or script URL anywhere in the DOM, no CSP report.
 * Each payload must be on the page as text (the positive control), and a
 * payload injected by hand must trip the detectors.
 *
 * All of it runs twice: under the desk's real Content-Security-Policy, and
 * with the CSP bypassed, so the UI's own escaping is shown to hold without
 * the CSP to save it.
 *
 * Mirrors GLPI CVE-2026-42321 (a payload stored in one screen and run in
 * another's browser) and the ticket-content XSS advisories of osTicket,
 * Zammad and FreeScout.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signedIn } from '../support/browser.ts';
import { startTestDesk, type TestDesk } from '../support/test-desk.ts';
import { expectInert, ours, payloads, runnableInDom, settle, watching } from '../support/xss.ts';

/** Four tickets, each carrying its share of the payloads in every place it has for text. */
const shares = [0, 1, 2, 3].map((i) => payloads.filter((_, j) => j % 4 === i));

/** People's names: one requester's, one agent's. */
const malloryName = '"><img src=x onerror="window.__xss=1;alert(1)"> Mallory';
const eveName = "<svg onload=alert(1)> Eve {{constructor.constructor('alert(1)')()}}";
const viewName = '<img src=x onerror=alert(1)> my view';
const password = 'a long enough password';

/** Greedily packs payloads into one line of at most `max` characters. */
function oneLine(list: string[], max: number): string {
  let line = '';
  for (const p of list) if ((line ? `${line} ${p}` : p).length <= max) line = line ? `${line} ${p}` : p;
  return line;
}

interface Made {
  id: number;
  number: string;
  title: string;
  share: string[];
  /** File names as the desk keeps them (cut to their last path segment, `"` as `'`): in the form's file field… */
  formFiles: string[];
  /** …and attached to the ticket later. */
  files: string[];
  /** The name of a file staff attached as internal. */
  internalFile: string;
  resolved: boolean;
}

let t: TestDesk;
let browser: Browser;
const made: Made[] = [];

const textFile = (names: string[], internal = false) => {
  const data = new FormData();
  for (const name of names) data.append('file', new Blob(['just text'], { type: 'text/plain' }), name);
  if (internal) data.append('internal', 'true');
  return data;
};

async function ok(res: Promise<{ status: number; body: any }>, status = 200) {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
}

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestDesk({ smtp: false }), launchBrowser()]);
  const admin = await t.as('admin@example.com');
  await ok(admin.post('/api/admin/users', { email: 'mallory@example.com', name: malloryName, password, roles: ['requester'] }), 201);
  await ok(admin.post('/api/admin/users', { email: 'eve@example.com', name: eveName, password, roles: ['agent'], groups: ['service-desk'] }), 201);
  const [mallory, eve, agent] = await Promise.all([t.as('mallory@example.com', password), t.as('eve@example.com', password), t.as('agent@example.com')]);
  await ok(agent.post('/api/views', { name: viewName, filter: { '==': [{ var: 'ticket.queue' }, 'first-line'] } }), 201);

  for (const [i, share] of shares.entries()) {
    // A file field's uploads, then the form: title, one-line and multi-line fields, the files.
    // A name is cut to its last path segment, so each payload is followed by a plain part that keeps its type.
    const names = share.map((p) => `${p} notes.txt`);
    const uploaded = (await ok(mallory.post('/api/workflows/it-incident/attachments', textFile(names.slice(0, 10))), 201)).items as { id: number; filename: string }[];
    const title = oneLine(share, 200);
    const submitted = await ok(
      mallory.post('/api/workflows/it-incident/submissions', {
        fields: { summary: title, service: 'other', impact: 'me', urgency: 'low', asset_tag: share.at(-1), details: share.join('\n'), screenshots: uploaded.map((u) => u.id) },
      }),
      201,
    );
    const { id, number } = submitted.ticket as { id: number; number: string };
    const body = share.join('\n');
    await ok(eve.post(`/api/tickets/${id}/comments`, { body, internal: false }));
    await ok(eve.post(`/api/tickets/${id}/comments`, { body, internal: true }));
    await ok(mallory.post(`/api/tickets/${id}/comments`, { body }));
    const later = (await ok(mallory.post(`/api/tickets/${id}/attachments`, textFile(names.slice(10))), 201)).items as { filename: string }[];
    const internal = (await ok(eve.post(`/api/tickets/${id}/attachments`, textFile([`internal ${share[0]} notes.txt`], true)), 201)).items as { filename: string }[];
    const resolved = i === 0;
    if (resolved) await ok(eve.post(`/api/tickets/${id}/transitions`, { to: 'resolved', resolution: { code: 'solved', notes: body } }));
    made.push({ id, number, title, share, formFiles: uploaded.map((u) => u.filename), files: later.map((u) => u.filename), internalFile: internal[0]!.filename, resolved });
  }
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** A ticket's form answers as shown: each payload, and the file field's names joined by ", ". */
const fieldTexts = (m: Made) => [...m.share, m.formFiles.join(', ')];

describe.each([
  { mode: 'under the desk’s CSP', bypassCSP: false },
  { mode: 'with the CSP bypassed (the UI’s own escaping)', bypassCSP: true },
])('stored payloads run nowhere, $mode', ({ bypassCSP }) => {
  it('in the requester’s "my tickets" and ticket pages', async () => {
    const { seen, prepare, forgiveSignIn } = watching();
    const { context, page } = await signedIn(browser, t.url, 'mallory@example.com', { password, bypassCSP, prepare });
    forgiveSignIn();
    try {
      await page.goto('/my-tickets');
      await page.locator('tbody tr').nth(made.length - 1).waitFor();
      await expectInert(page, seen, 'my tickets', made.map((m) => m.title));

      for (const m of made) {
        await page.goto(`/my-tickets/${m.id}`);
        await page.locator('h1', { hasText: m.number }).waitFor();
        await page.locator('.timeline .reply').waitFor();
        const where = `requester's ${m.number}`;
        await expectInert(page, seen, where, [m.title, ...fieldTexts(m), eveName]);
        expect(await page.locator('h1').innerText()).toBe(`${m.number} ${m.title}`);
        // Each message on its own: the agent's reply (under Eve's name), the requester's own, and the files they added.
        const reply = await page.locator('.timeline .reply').innerText();
        const own = await page.locator('.timeline .requester-reply').innerText();
        const files = await page.locator('.timeline [data-event="attachment.added"]').allInnerTexts();
        expect(reply).toContain(eveName);
        for (const p of m.share) {
          expect(reply, `${where} reply`).toContain(p);
          expect(own, `${where} own reply`).toContain(p);
        }
        for (const f of m.files) expect(files.join('\n'), `${where} files`).toContain(f);
        if (m.resolved) for (const p of m.share) expect(await page.locator('.resolution').innerText()).toContain(p);
        // Internal notes and internal files stay with staff.
        expect(await page.locator('.timeline .note').count()).toBe(0);
      }
    } finally {
      await context.close();
    }
  }, 30_000);

  it('in the agent’s list, search and ticket view, with notifications shown', async () => {
    const { seen, prepare, forgiveSignIn } = watching();
    const { context, page } = await signedIn(browser, t.url, 'agent@example.com', { bypassCSP, prepare });
    forgiveSignIn();
    try {
      await page.goto('/agent?state=');
      await page.locator('table.list tbody tr').nth(made.length - 1).waitFor();
      await expectInert(page, seen, 'agent list', made.map((m) => m.title));
      expect(await page.getByRole('navigation', { name: 'Workspace' }).innerText()).toContain(viewName);

      // A payload in the search box, from the URL, as a bookmarked search would bring it.
      const query = ours[0]!;
      await page.goto(`/agent?state=&q=${encodeURIComponent(query)}`);
      // The list's own search box (the header has the desk-wide one).
      const listSearch = page.getByRole('main').locator('input[type=search]');
      await listSearch.waitFor();
      await expectInert(page, seen, 'agent search', []);
      expect(await listSearch.inputValue()).toBe(query);

      for (const m of made) {
        await page.goto(`/agent/tickets/${m.id}`);
        await page.locator('h1', { hasText: m.number }).waitFor();
        await page.locator('.timeline .note').first().waitFor();
        await page.getByLabel('Show e-mails sent').check();
        await page.locator('.timeline .notification').first().waitFor();
        const where = `agent's ${m.number}`;
        await expectInert(page, seen, where, [m.title, ...fieldTexts(m), malloryName, eveName]);
        expect(await page.locator('h1').innerText()).toBe(`${m.number} ${m.title}`);
        expect(await page.locator('.about').innerText()).toContain(malloryName);
        const text = (selector: string) => page.locator(`.timeline ${selector}`).allInnerTexts().then((all) => all.join('\n'));
        const [reply, note, own, notices, files] = await Promise.all([text('.reply'), text('.note'), text('.requester-reply'), text('.notification'), text('[data-event^="attachment."]')]);
        for (const p of m.share) {
          expect(reply, `${where} reply`).toContain(p);
          expect(note, `${where} note`).toContain(p);
          expect(own, `${where} requester's reply`).toContain(p);
        }
        expect(reply).toContain(eveName);
        expect(own).toContain(malloryName);
        for (const f of m.files) expect(files, `${where} files`).toContain(f);
        expect(files).toContain(m.internalFile);
        // Template variables: the rendered subjects keep the title as the text it is.
        expect(notices, `${where} notification subjects`).toContain(m.title);
      }
    } finally {
      await context.close();
    }
  }, 30_000);
});

describe('the detectors themselves', () => {
  it('catch a payload that does run (no CSP), and the desk’s CSP stops that same payload', async () => {
    for (const bypassCSP of [true, false]) {
      const { seen, prepare, forgiveSignIn } = watching();
      const { context, page } = await signedIn(browser, t.url, 'mallory@example.com', { password, bypassCSP, prepare });
      forgiveSignIn();
      try {
        await page.goto('/my-tickets');
        await page.locator('tbody tr').first().waitFor();
        // What the UI would do if it put a title into the page as HTML.
        await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<img src=x onerror="window.__xss=1;alert(1)">'));
        await settle(page);
        expect(await runnableInDom(page)).toEqual(['<img onerror>']);
        if (bypassCSP) {
          expect(seen.dialogs).toEqual(['alert: 1']);
          expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBe(1);
        } else {
          await expect.poll(() => seen.console.join('\n')).toMatch(/Content Security Policy/);
          expect(seen.dialogs).toEqual([]);
          expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
        }
      } finally {
        await context.close();
      }
    }
  });
});
