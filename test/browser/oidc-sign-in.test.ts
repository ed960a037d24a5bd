/**
 * A person of the organisation signs in to the desk in Chromium through a
 * real OpenID Connect provider: the first sign-in creates their account with
 * the roles their groups claim maps to, and they land in the workspace. An
 * unverified e-mail comes back to the sign-in page with the reason.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser } from '../support/browser.ts';
import { freePort, startTestProvider, type TestProvider } from '../support/identity-provider.ts';
import { startTestDesk, type TestDesk } from '../support/test-desk.ts';

let idp: TestProvider;
let t: TestDesk;
let browser: Browser;
let url: string;

beforeAll(async () => {
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  idp = await startTestProvider(url, {
    dana: { email: 'dana@example.org', emailVerified: true, name: 'Dana Example', groups: ['desk-agents'] },
    eve: { email: 'eve@example.org', emailVerified: false, name: 'Eve Unverified', groups: ['desk-agents'] },
  });
  [t, browser] = await Promise.all([
    startTestDesk({
      smtp: false,
      env: {
        PORT: String(port),
        DESK_PUBLIC_URL: url,
        OIDC_ISSUER: idp.issuer,
        OIDC_CLIENT_ID: idp.clientId,
        OIDC_CLIENT_SECRET: idp.clientSecret,
        OIDC_NAME: 'Example Org',
        OIDC_SCOPES: 'openid email profile groups',
        OIDC_ROLE_RULES: JSON.stringify([{ value: 'desk-agents', roles: ['agent'], groups: ['service-desk'] }]),
      },
    }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
  await idp?.close();
});

async function page() {
  const context = await browser.newContext({ baseURL: url, locale: 'en-GB', bypassCSP: true });
  const p = await context.newPage();
  p.setDefaultTimeout(15_000);
  return { context, page: p };
}

describe('sign-in with the organisation', () => {
  it('creates the account on first sign-in, with the agent role from the groups claim', async () => {
    const { context, page: p } = await page();
    await p.goto('/');
    const button = p.locator('[data-sign-in-provider]');
    expect(await button.textContent()).toBe('Sign in with Example Org');
    await expectAccessible(p, 'sign-in-with-provider');
    await button.click();
    await p.waitForURL(`${idp.issuer}/**`);
    await p.locator('input[name=login]').fill('dana');
    await p.locator('button[type=submit]').click();
    // Staff land in the workspace, which only an agent's account sees.
    await p.waitForURL(`${url}/agent**`);
    await p.locator('nav[data-shell-nav]').waitFor();
    const me = await p.evaluate(async () => (await (await fetch('/api/me')).json()) as { user: { email: string; roles: string[]; groups: string[] } });
    expect(me.user).toMatchObject({ email: 'dana@example.org', roles: ['requester', 'agent'], groups: ['service-desk'] });
    await context.close();
  });

  it('brings someone whose e-mail is unverified back to the sign-in page, saying why', async () => {
    const { context, page: p } = await page();
    await p.goto('/');
    await p.locator('[data-sign-in-provider]').click();
    await p.locator('input[name=login]').fill('eve');
    await p.locator('button[type=submit]').click();
    await p.waitForURL(`${url}/?sign-in-error=email-unverified`);
    expect(await p.locator('[role=alert]').textContent()).toContain('has not confirmed your e-mail address');
    expect(await p.locator('nav[data-shell-nav]').count()).toBe(0);
    await context.close();
  });
});
