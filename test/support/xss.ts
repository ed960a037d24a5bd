/**
 * The stored-XSS harness the browser tests share: the payloads (lines of
 * the corpus in test/fixtures/security/ and a few of our own) and the
 * detectors — dialogs, page errors, console errors (CSP reports), a marker
 * global, and anything in the DOM that could run script.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

const corpus = readFileSync(new URL('../fixtures/security/xss-payloads.txt', import.meta.url), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter(Boolean);

/**
 * Lines of the corpus (1-based), one or more of each vector: breaking out of
 * JS strings and attributes, img/svg/image onerror and onload, script tags
 * whole and split, javascript: and data: URLs in script, iframe, embed,
 * object, a, form, button and input, srcdoc with entities, svg script and
 * animation, body/html handlers, autofocus and interaction handlers,
 * entity-encoded calls, CSS expressions and animations, base and link tags.
 */
const corpusLines = [
  1, 3, 5, 8, 9, 12, 15, 16, 17, 19, 23, 24, 36, 42, 43, 64, 65, 67, 69, 70, 71, 72, 73, 74, 75, 77, 79, 84, 85, 86, 93, 94, 95, 97, 99, 100, 101,
  111, 113, 115, 117, 120, 121, 122, 136, 142, 157, 162, 168, 169,
];
export const fromCorpus = corpusLines.map((n) => corpus[n - 1]!);

/**
 * Ours: payloads that set a marker instead of (or as well as) opening a
 * dialog, several of which fire with no one touching the page, and template
 * injection for Handlebars, Angular and template literals.
 */
export const ours = [
  '<img src=x onerror="window.__xss=1">',
  '"><svg/onload=window.__xss=1>',
  '<details open ontoggle=window.__xss=1>',
  '<input autofocus onfocus=window.__xss=1>',
  '<iframe srcdoc="<script>parent.__xss=1</script>">',
  '<a href="javascript:window.__xss=1">xss link</a>',
  'javascript:window.__xss=1',
  "{{constructor.constructor('window.__xss=1')()}}",
  '{{#with "s" as |s|}}{{s.constructor.constructor "window.__xss=1"}}{{/with}}',
  '${window.__xss=1} {7*7} {{7*7}} <%= 7*7 %> {who}',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
];

export const payloads = [...fromCorpus, ...ours];
/** What a browser context saw: dialogs, uncaught errors and console errors (where Chromium reports CSP refusals). */
export interface Seen {
  dialogs: string[];
  errors: string[];
  console: string[];
}

export function watching(): { seen: Seen; prepare: (context: BrowserContext) => void; forgiveSignIn: () => void } {
  const seen: Seen = { dialogs: [], errors: [], console: [] };
  return {
    seen,
    // The sign-in page asks who is signed in first, and the browser logs that 401; nothing else is forgiven.
    forgiveSignIn: () => void seen.console.splice(0, Infinity, ...seen.console.filter((m) => !/status of 401 \(Unauthorized\)/.test(m))),
    prepare(context) {
      context.on('dialog', (dialog) => {
        seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
        void dialog.dismiss().catch(() => undefined);
      });
      context.on('weberror', (e) => seen.errors.push(String(e.error())));
      context.on('console', (m) => {
        if (m.type() === 'error') seen.console.push(m.text());
      });
    },
  };
}

/**
 * Everything in the DOM that could run script: handler attributes, script URLs, and elements only a payload would bring.
 * The one iframe the UI makes — the template preview's, sandboxed with no permissions at all — is not counted;
 * an iframe that allows anything is.
 */
export function runnableInDom(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const urlAttributes = new Set(['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'background', 'poster', 'srcdoc']);
    const ownPreview = (el: Element) => el.localName === 'iframe' && el.hasAttribute('data-preview-html') && el.getAttribute('sandbox') === '';
    for (const el of Array.from(document.querySelectorAll('*'))) {
      if (ownPreview(el)) continue;
      for (const a of Array.from(el.attributes)) {
        const name = a.name.toLowerCase();
        if (name.startsWith('on')) found.push(`<${el.localName} ${a.name}>`);
        if (urlAttributes.has(name) && (name === 'srcdoc' || /^\s*(javascript|data|vbscript):/i.test(a.value))) found.push(`<${el.localName} ${a.name}="${a.value}">`);
      }
    }
    // Elements the UI never makes (it may use img, svg or details; their handlers are caught above).
    const foreign = 'body script, body iframe, body frame, body object, body embed, body applet, base, body link, body meta, body style, body math, body image, body x, body marquee, body noscript, body isindex, body keygen, body xmp, body plaintext';
    for (const el of Array.from(document.querySelectorAll(foreign))) if (!ownPreview(el)) found.push(el.outerHTML.slice(0, 100));
    return found;
  });
}

/** An image's error or a toggle event fires within a few frames of being put in the page; gives them the time (the detectors' own test shows it is enough). */
export const settle = (page: Page) => page.evaluate(() => new Promise((settled) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(settled, 150)))));

/** Lets anything a payload could have started (an image's error, an autofocus, a toggle) happen, then checks nothing ran and each text is shown. */
export async function expectInert(page: Page, seen: Seen, where: string, texts: string[]) {
  await settle(page);
  await page.mouse.move(400, 300);
  await page.mouse.move(600, 600);
  const shown = await page.locator('main').innerText();
  for (const text of texts) expect(shown, `${where} shows ${JSON.stringify(text)} as text`).toContain(text);
  expect(await runnableInDom(page), where).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), `${where}: a payload set window.__xss`).toBeUndefined();
  expect(seen.dialogs, where).toEqual([]);
  expect(seen.errors, where).toEqual([]);
  expect(seen.console, where).toEqual([]);
}

