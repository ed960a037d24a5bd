/**
 * Limits that answer fast: an oversized body is 413 before it is read in
 * full, too many fields or files and over-long text are 422 with the path,
 * and input built to exhaust the parser is refused without a 500.
 *
 * Mirrors OTRS CVE-2021-36093 / CVE-2026-48187 (helpdesk input without
 * limits stalling or aborting the server).
 */
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { castOfPeople, incident, startTestDesk, type People, type TestDesk } from './support/people.ts';

let t: TestDesk;
let people: People;
let ticketPath: string;

beforeAll(async () => {
  t = await startTestDesk({ smtp: false });
  people = await castOfPeople(t);
  ticketPath = `/api/tickets/${(await people.owner.post('/api/workflows/it-incident/submissions', incident('Limits'))).body.ticket.id}`;
});
afterAll(() => t.close());

const paths = (res: { body: { errors?: { path: string }[] } }) => (res.body.errors ?? []).map((e) => e.path);

describe('deeply nested JSON', () => {
  it.each([
    ['a form value (as a requester)', 'requester@example.com', 'POST', '/api/workflows/it-incident/submissions', (deep: string) => `{"fields":{"summary":${deep}}}`],
    ['the form itself', 'requester@example.com', 'POST', '/api/workflows/it-incident/submissions', (deep: string) => `{"fields":${deep}}`],
    ['a simulated submission', 'admin@example.com', 'POST', '/api/admin/workflows/it-incident/simulate', (deep: string) => `{"fields":{"summary":${deep}}}`],
    ['a rule in a workflow', 'admin@example.com', 'PUT', '/api/admin/workflows/it-incident/draft', (deep: string) => `{"id":"it-incident","categorise":[{"when":${deep}}]}`],
    ['a saved view\'s filter', 'agent@example.com', 'POST', '/api/views', (deep: string) => `{"name":"deep","filter":${deep}}`],
  ])('answers JSON nested a hundred thousand deep in %s with a 4xx, and keeps answering', async (_what, email, method, path, body) => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const res = await fetch(t.url + path, { method, headers: { authorization: `Bearer ${await token(email)}`, 'content-type': 'application/json' }, body: body(deep) });
    expect(res.status).toBe(422);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });

  async function token(email: string) {
    return (await people.as.admin.post('/api/admin/tokens', { name: 'limits', email })).body.token as string;
  }
});

describe('forms and text', () => {
  it('refuses fields the form does not have, each by its path', async () => {
    const extra = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`extra${i}`, 'x']));
    const res = await people.owner.post('/api/workflows/it-incident/submissions', { fields: { ...incident('many').fields, ...extra } });
    expect(res.status).toBe(422);
    expect(paths(res)).toContain('fields.extra0');
    expect(paths(res)).toContain('fields.extra499');
  });

  it.each([
    ['a summary', 'fields.summary', { fields: { ...incident('x').fields, summary: 'x'.repeat(201) } }],
    ['the details', 'fields.details', { fields: { ...incident('x').fields, details: 'x'.repeat(10_001) } }],
  ])('refuses %s over its length with 422 and the path', async (_what, path, body) => {
    const res = await people.owner.post('/api/workflows/it-incident/submissions', body);
    expect(res.status).toBe(422);
    expect(paths(res)).toEqual([path]);
  });

  it('refuses a reply, a reason or a search over its length with 422 and the path', async () => {
    const reply = await people.owner.post(`${ticketPath}/comments`, { body: 'x'.repeat(20_001) });
    expect([reply.status, paths(reply)]).toEqual([422, ['body']]);
    const reopen = await people.owner.post(`${ticketPath}/reopen`, { reason: 'x'.repeat(5001) });
    expect([reopen.status, paths(reopen)]).toEqual([422, ['reason']]);
    const search = await people.owner.get(`/api/tickets?q=${'x'.repeat(201)}`);
    expect([search.status, paths(search)]).toEqual([422, ['query.q']]);
    const login = await t.anonymous().post('/api/auth/login', { email: 'a@example.com', password: 'x'.repeat(5000) });
    expect([login.status, paths(login)]).toEqual([422, ['password']]);
    // Within the limits the same calls work (the control).
    expect((await people.owner.post(`${ticketPath}/comments`, { body: 'x'.repeat(20_000) })).status).toBe(200);
  });

  it('refuses more than 500 tickets in one bulk change, by path', async () => {
    const res = await people.as.manager.post('/api/tickets/bulk', { ids: Array.from({ length: 501 }, (_, i) => i + 1), assign: { queue: 'first-line' } });
    expect([res.status, paths(res)]).toEqual([422, ['ids']]);
  });
});

describe('uploads', () => {
  const files = (count: number, size: number) => {
    const data = new FormData();
    for (let i = 0; i < count; i += 1) data.append('file', new Blob(['x'.repeat(size)], { type: 'text/plain' }), `f${i}.txt`);
    return data;
  };

  it('refuses more than 10 files at once, by path', async () => {
    const res = await people.owner.post(`${ticketPath}/attachments`, files(11, 10));
    expect([res.status, paths(res)]).toEqual([422, ['file']]);
  });

  it("refuses a file over the workflow's size limit, and attaches nothing", async () => {
    const res = await people.owner.post(`${ticketPath}/attachments`, files(1, 10 * 1024 * 1024 + 1));
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/limit/);
    expect((await people.owner.get(ticketPath)).body.attachments).toEqual([]);
  });
});

// Last: a 413 closes the connection before the body is read, and fetch may
// still try to reuse it for the next request.
describe('oversized bodies', () => {
  it('refuses a body over 1 MiB with 413 problem+json, quickly', async () => {
    const started = Date.now();
    const res = await people.owner.post('/api/workflows/it-incident/submissions', { fields: { ...incident('big').fields, details: 'x'.repeat(2 * 1024 * 1024) } });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('too-large');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses a streamed body (no Content-Length) once it passes the limit, without reading the rest', async () => {
    const cookie = (await fetch(`${t.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'requester@example.com', password: 'deskwright-demo' }) }))
      .headers.getSetCookie()[0]!
      .split(';')[0]!;
    const url = new URL('/api/workflows/it-incident/submissions', t.url);
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    // An endless chunked body: only a limit that stops reading ends this request.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', origin: t.url, cookie } });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      const pump = () => {
        while (sent < 64 * 1024 * 1024 && !req.destroyed) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    expect(sent).toBeLessThan(32 * 1024 * 1024);
  });

  it('answers the next request on the same keep-alive connection after a 413', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (method: string, path: string, body?: Buffer) =>
      new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
        const req = request(new URL(path, t.url), { method, agent, headers: body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {} });
        req.on('response', (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
        });
        // The desk may stop reading an oversized body; the client's write then fails, after the answer.
        req.on('error', (e) => (body ? undefined : reject(e)));
        req.end(body);
      });
    try {
      const big = await send('POST', '/api/auth/login', Buffer.alloc(2 * 1024 * 1024, ' '));
      expect(big).toEqual({ status: 413, connection: 'close' });
      expect((await send('GET', '/healthz')).status).toBe(200);
      expect((await send('GET', '/healthz')).status).toBe(200);
    } finally {
      agent.destroy();
    }
  });
});
