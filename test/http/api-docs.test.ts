/**
 * /api/docs: the API reference, rendered by a renderer the desk serves
 * itself (no CDN, works offline), under a policy that runs only the desk's
 * own scripts; and no installed package phones home.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
beforeAll(async () => {
  t = await startTestDesk({ smtp: false });
});
afterAll(() => t.close());

describe('GET /api/docs', () => {
  it('loads a page whose scripts all come from the desk itself, and those scripts load', async () => {
    const res = await fetch(`${t.url}/api/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('spec-url="/api/openapi.json"');

    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, inline] of scripts) {
      expect(inline!.trim()).toBe('');
      const src = /\bsrc="([^"]+)"/.exec(attributes!)?.[1];
      expect(src).toBeDefined();
      const url = new URL(src!, `${t.url}/api/docs`);
      expect(url.origin).toBe(t.url);
      const script = await fetch(url);
      expect(script.status).toBe(200);
      expect(script.headers.get('content-type')).toMatch(/javascript/);
      expect((await script.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    }
    expect(html).not.toMatch(/\b(href|src)="(https?:)?\/\//);
  });

  it("runs only the desk's own scripts: no inline script, no eval, no other origin", async () => {
    const csp = (await fetch(`${t.url}/api/docs`)).headers.get('content-security-policy') ?? '';
    expect(/script-src ([^;]*)/.exec(csp)?.[1]).toBe("'self'");
    expect(/connect-src ([^;]*)/.exec(csp)?.[1]).toBe("'self'");
    expect(/img-src ([^;]*)/.exec(csp)?.[1]).toBe("'self' data:");
    // The renderer's search runs in a worker it starts from a blob: URL, and nothing more.
    expect(/worker-src ([^;]*)/.exec(csp)?.[1]).toBe("'self' blob:");
  });

  it('serves the document it renders', async () => {
    const doc = await (await fetch(`${t.url}/api/openapi.json`)).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/tickets/{id}/options');
  });
});

describe('installed packages', () => {
  it('include no telemetry package', () => {
    const lock = JSON.parse(readFileSync(join(import.meta.dirname, '../../package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    const installed = Object.keys(lock.packages).map((p) => p.replace(/^.*node_modules\//, ''));
    expect(installed).toContain('redoc');
    expect(installed.filter((name) => ['@scarf/scarf', 'swagger-ui-dist', '@hono/swagger-ui', '@redocly/redoc-opentelemetry'].includes(name))).toEqual([]);
  });
});
