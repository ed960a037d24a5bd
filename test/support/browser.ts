/**
 * A real browser for the UI tests: Debian's Chromium driven by
 * playwright-core, with helpers to sign in as a demo account, check a page
 * with axe-core and keep a screenshot of it in test-artifacts/ (git-ignored).
 */
import axe from 'axe-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { demoPassword } from '../../server/services/accounts-bootstrap.service.ts';

const artifacts = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

export interface PersonOptions {
  /** The browser's language (navigator.languages), e.g. "cy". */
  locale?: string;
  /** A phone-sized screen. */
  phone?: boolean;
  /** The system's colour scheme the page sees (prefers-color-scheme); light unless told. */
  colorScheme?: 'light' | 'dark';
  /** The account's password; the demo accounts' when left out. */
  password?: string;
  /**
   * Ignore the pages' Content-Security-Policy (the default, so axe-core's inline
   * script can run); false keeps the desk's real CSP, as people's browsers do.
   */
  bypassCSP?: boolean;
  /** Called with the new context before its first page opens, e.g. to listen to every page it will have. */
  prepare?: (context: BrowserContext) => void | Promise<void>;
}

/** A fresh browser profile (no cookies, no stored language) signed in as an account (a demo one unless a password is given), on its start page. */
export async function signedIn(browser: Browser, baseURL: string, email: string, options: PersonOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    locale: options.locale ?? 'en-GB',
    timezoneId: 'Europe/London',
    viewport: options.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    // axe-core is injected as an inline script, which the desk's CSP (rightly) forbids.
    bypassCSP: options.bypassCSP ?? true,
  });
  await options.prepare?.(context);
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto('/');
  await page.locator('input[type=email]').fill(email);
  await page.locator('input[type=password]').fill(options.password ?? demoPassword);
  await page.locator('form button[type=submit]').click();
  await page.locator('nav[data-shell-nav]').waitFor();
  return { context, page };
}

/** Runs axe-core on the page as it is and fails on any serious or critical violation. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad, `${name}: ${JSON.stringify(bad, null, 2)}`).toEqual([]);
}

/**
 * A screenshot for the project's docs (docs/screenshots/), of the viewport only
 * so it stays small; written only when DESK_DOC_SCREENSHOTS=1, so a test run
 * leaves the working tree as it was.
 */
export async function docScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.DESK_DOC_SCREENSHOTS !== '1') return screenshot(page, `doc-${name}`);
  const dir = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false, animations: 'disabled', caret: 'hide' });
}

/** Keeps a full-page screenshot as a test artefact. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}
