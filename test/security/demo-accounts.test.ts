/**
 * A desk tried out with `deskwright demo` and then served for real on the
 * same database: the demo accounts' password is printed in the README, so
 * `serve` switches it off rather than leave a known admin password working.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { startDesk } from '../../server/desk.ts';
import { demoPassword } from '../../server/services/accounts-bootstrap.service.ts';

const dir = mkdtempSync(join(tmpdir(), 'deskwright-demo-then-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const signIn = (url: string, email: string) =>
  fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: demoPassword }) }).then((r) => r.status);

it('stops the published demo password from working once the same database is served for real', async () => {
  const config = () => loadConfig({ PORT: '0', HOST: '127.0.0.1', DESK_DB: join(dir, 'desk.sqlite') });
  const demo = await startDesk({ config: config(), mode: 'demo' });
  expect(await signIn(demo.url, 'admin@example.com')).toBe(200);
  await demo.close();

  const served = await startDesk({ config: config(), mode: 'serve' });
  try {
    expect(served.lockedDemoAccounts).toEqual(['admin@example.com', 'agent@example.com', 'specialist@example.com', 'manager@example.com', 'requester@example.com']);
    expect(await Promise.all(served.lockedDemoAccounts.map((email) => signIn(served.url, email)))).toEqual(served.lockedDemoAccounts.map(() => 401));
  } finally {
    await served.close();
  }
});
