/**
 * Stored XSS, at the API and mail level: a corpus of payloads goes into
 * titles, form fields, replies, a person's name and file names; every HTML
 * mail the desk sends carries them only escaped, files download as
 * attachments a browser will not run, and pages answer a strict CSP.
 * (Whether a browser runs anything is the UI's browser tests' business.)
 *
 * Mirrors the stored-XSS advisories of every helpdesk (GLPI CVE-2026-42321,
 * a payload stored in one screen and run in another's browser; osTicket and
 * Zammad ticket-content XSS) and attachments served inline as HTML.
 */
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { castOfPeople, startTestDesk, type People, type TestDesk } from './support/people.ts';

const corpus = readFileSync(new URL('../fixtures/security/xss-payloads.txt', import.meta.url), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter(Boolean);
const chunks = Array.from({ length: Math.ceil(corpus.length / 30) }, (_, i) => corpus.slice(i * 30, i * 30 + 30));

let t: TestDesk;
let people: People;
const tickets: number[] = [];
const files: { id: number; name: string }[] = [];

const upload = (names: string[], text: string) => {
  const data = new FormData();
  for (const name of names) data.append('file', new Blob([text], { type: 'text/html' }), name);
  return data;
};

beforeAll(async () => {
  t = await startTestDesk();
  people = await castOfPeople(t);
  const { owner, as } = people;
  // A person's name is text too; it shows in staff mail.
  await as.admin.post('/api/admin/users', { email: 'mallory@example.com', name: '"><svg onload=alert(1)>', password: 'a long enough password', roles: ['requester'] });
  const mallory = await t.as('mallory@example.com', 'a long enough password');
  for (const [i, chunk] of chunks.entries()) {
    const author = i % 2 ? mallory : owner;
    const res = await author.post('/api/workflows/it-incident/submissions', { fields: { summary: chunk[0], service: 'other', impact: 'me', urgency: 'low', details: chunk.join('\n') } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const id = res.body.ticket.id;
    tickets.push(id);
    expect((await as.agentA.post(`/api/tickets/${id}/assign`, { agentId: people.ids.agentA })).status).toBe(200);
    expect((await as.agentA.post(`/api/tickets/${id}/comments`, { body: chunk.join('\n'), internal: false })).status).toBe(200);
    expect((await author.post(`/api/tickets/${id}/comments`, { body: chunk.join('\n') })).status).toBe(200);
    for (let j = 0; j < chunk.length; j += 10) {
      // A name is cut to its last path segment, so each payload is followed by a plain one the desk can type.
      const names = chunk.slice(j, j + 10).map((p) => `${p} notes.txt`);
      const added = await author.post(`/api/tickets/${id}/attachments`, upload(names, `<script>alert(${i})</script>`));
      expect(added.status, JSON.stringify(added.body)).toBe(201);
      files.push(...added.body.items.map((a: { id: number; filename: string }) => ({ id: a.id, name: a.filename })));
    }
  }
  // Every message is out of the outbox before the mail is read.
  for (let waited = 0; waited < 15_000; waited += 100) {
    const pending = (await as.admin.get('/api/admin/outbox?status=pending')).body.items;
    if (!pending.length) break;
    await new Promise((r) => setTimeout(r, 100));
  }
});
afterAll(() => t.close());

/** The body of an HTML mail without the desk's own wrapper element. */
const inner = (html: string) => html.replace(/^<div style="[^"<>]*">/, '').replace(/<\/div>\s*$/, '');

describe('HTML mail', () => {
  it('was sent for every step, to requesters and staff alike', () => {
    const about = (id: number) => t.mail.messages.filter((m) => m.subject.includes(`INC-${id}`));
    for (const id of tickets) expect(about(id).length).toBeGreaterThanOrEqual(4);
    expect(t.mail.messages.some((m) => m.to.includes('mallory@example.com'))).toBe(true);
    expect(t.mail.messages.some((m) => m.to.includes('agent@example.com'))).toBe(true);
  });

  it('carries no markup but the desk\'s own wrapper: every payload is escaped', () => {
    for (const m of t.mail.messages) {
      expect(m.html).toMatch(/^<div style="[^"<>]*">/);
      expect(inner(m.html), `${m.subject} to ${m.to.join(', ')}`).not.toMatch(/[<>]/);
    }
  });

  it('shows every payload, escaped, to the people it was for (the positive control)', () => {
    const html = t.mail.messages.map((m) => m.html).join('\n');
    for (const payload of corpus) expect(html, payload).toContain(Handlebars.escapeExpression(payload));
    // The name went into staff mail, escaped.
    expect(html).toContain(Handlebars.escapeExpression('"><svg onload=alert(1)>'));
  });
});

describe('API answers', () => {
  it('are JSON that a browser will not sniff into HTML', async () => {
    const res = await fetch(`${t.url}/api/tickets/${tickets[0]}`, { headers: { authorization: `Bearer ${await tokenFor('admin@example.com')}` } });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const body = await res.json();
    // The data keeps what was typed: escaping is the job of whatever displays it.
    expect(body.ticket.fields.details).toBe(chunks[0]!.join('\n'));
  });

  async function tokenFor(email: string) {
    return (await people.as.admin.post('/api/admin/tokens', { name: 'xss-check', email })).body.token as string;
  }
});

describe('file downloads', () => {
  it('serve every payload-named file as a sandboxed, unsniffable attachment, with its name safely quoted', async () => {
    expect(files.length).toBe(corpus.length);
    for (const f of files) {
      for (const query of ['', '?preview=1']) {
        const res = await fetch(`${t.url}/api/attachments/${f.id}${query}`, { headers: { authorization: `Bearer ${await adminToken()}` } });
        expect(res.status).toBe(200);
        const disposition = res.headers.get('content-disposition')!;
        expect(disposition).toMatch(/^attachment; filename="[^"\\\r\n]*"; filename\*=UTF-8''[A-Za-z0-9%!'()*._~-]+$/);
        expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(f.name);
        expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
        expect(res.headers.get('content-security-policy')).toMatch(/sandbox/);
        expect(res.headers.get('set-cookie')).toBeNull();
        await res.arrayBuffer();
      }
    }
  });

  it('refuses HTML and SVG uploads whatever they are called, and previews a GIF/script polyglot only as an image', async () => {
    const { owner } = people;
    const id = tickets[0];
    for (const [name, text] of [['page.html', '<html><script>alert(1)</script></html>'], ['logo.svg', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'], ['notes.htm', '<script>alert(1)</script>']]) {
      const res = await owner.post(`/api/tickets/${id}/attachments`, upload([name!], text!));
      expect(res.status, name).toBe(422);
    }
    const polyglot = await owner.post(`/api/tickets/${id}/attachments`, upload(['cat.html'], 'GIF89a/*<svg/onload=alert(1)>*/=alert(document.domain)//;'));
    expect(polyglot.status).toBe(201);
    expect(polyglot.body.items[0].contentType).toBe('image/gif');
    const res = await fetch(`${t.url}/api/attachments/${polyglot.body.items[0].id}?preview=1`, { headers: { authorization: `Bearer ${await adminToken()}` } });
    expect(res.headers.get('content-type')).toBe('image/gif');
    expect(res.headers.get('content-disposition')).toMatch(/^inline; /);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/sandbox/);
  });

  let token: string | undefined;
  async function adminToken() {
    token ??= (await people.as.admin.post('/api/admin/tokens', { name: 'downloads', email: 'admin@example.com' })).body.token as string;
    return token!;
  }
});

describe('pages', () => {
  it.each(['/', '/tickets/1', '/api/docs'])('%s answers a strict Content-Security-Policy', async (path) => {
    const res = await fetch(t.url + path);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(csp).toMatch(/base-uri 'none'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const scripts = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
    expect(scripts).not.toMatch(/\*|data:|'unsafe-eval'/);
    expect(scripts).not.toMatch(/'unsafe-inline'/);
    await res.arrayBuffer();
  });
});
