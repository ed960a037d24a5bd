/**
 * Attachments over HTTP: uploads for a form, files on a ticket, and
 * downloads only for those who may see them, served so no browser runs them.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

const fixture = (name: string) => <Buffer<ArrayBuffer>>readFileSync(new URL(`../fixtures/attachments/${name}`, import.meta.url));
const form = (files: [name: string, bytes: Buffer<ArrayBuffer>][], extra: Record<string, string> = {}) => {
  const data = new FormData();
  for (const [name, bytes] of files) data.append('file', new Blob([bytes]), name);
  for (const [k, v] of Object.entries(extra)) data.append(k, v);
  return data;
};

let t: TestDesk;
let requester: Client;
let other: Client;
let agent: Client;
let specialist: Client;

beforeAll(async () => {
  t = await startTestDesk({ smtp: false });
  const admin = await t.as('admin@example.com');
  await admin.post('/api/admin/users', { email: 'other@example.com', name: 'Other Requester', password: 'correct-horse-battery', roles: ['requester'] });
  requester = await t.as('requester@example.com');
  other = await t.as('other@example.com', 'correct-horse-battery');
  agent = await t.as('agent@example.com');
  specialist = await t.as('specialist@example.com');
});
afterAll(() => t.close());

const incident = (screenshots: number[]) => ({
  fields: { summary: 'Error on login screen', service: 'other', impact: 'me', urgency: 'low', details: 'See the screenshot.', screenshots },
});

describe('uploads for a form', () => {
  it('attach to the ticket the form creates, and only their uploader can use them', async () => {
    const upload = await requester.post('/api/workflows/it-incident/attachments', form([['error.png', fixture('pixel.png')]]));
    expect(upload.status).toBe(201);
    expect(upload.body.items[0]).toMatchObject({ filename: 'error.png', contentType: 'image/png', internal: false });
    const id = upload.body.items[0].id;

    // Someone else cannot put another person's upload on their ticket; nothing is created.
    const stolen = await other.post('/api/workflows/it-incident/submissions', incident([id]));
    expect(stolen.status).toBe(422);
    expect(stolen.body.errors[0].path).toBe('fields.screenshots');
    expect((await other.get('/api/tickets?mine=1')).body.items).toEqual([]);
    expect((await other.get(`/api/attachments/${id}`)).status).toBe(404);

    const created = await requester.post('/api/workflows/it-incident/submissions', incident([id]));
    expect(created.status).toBe(201);
    const ticket = (await agent.get(`/api/tickets/${created.body.ticket.id}`)).body;
    expect(ticket.attachments).toEqual([expect.objectContaining({ id, filename: 'error.png' })]);

    // Used once, it cannot be claimed again.
    const again = await requester.post('/api/workflows/it-incident/submissions', incident([id]));
    expect(again.status).toBe(422);
  });

  it('refuse a file whose content is not what its name says', async () => {
    const res = await requester.post('/api/workflows/it-incident/attachments', form([['image.png', fixture('image.png')]]));
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ path: 'attachments', message: expect.stringContaining('does not accept') });
  });

  it('asks for a file when none is sent', async () => {
    const res = await requester.post('/api/workflows/it-incident/attachments', new FormData());
    expect(res.status).toBe(422);
  });
});

describe('files on a ticket', () => {
  it('are downloads with safe headers, internal ones for staff only', async () => {
    const created = await requester.post('/api/workflows/it-incident/submissions', incident([]));
    const id = created.body.ticket.id;
    const pub = await requester.post(`/api/tickets/${id}/attachments`, form([['notes.txt', fixture('notes.txt')]]));
    expect(pub.status).toBe(201);
    const priv = await agent.post(`/api/tickets/${id}/attachments`, form([['diagnostics.pdf', fixture('header.pdf')]], { internal: 'true' }));
    expect(priv.status).toBe(201);
    expect((await requester.post(`/api/tickets/${id}/attachments`, form([['x.txt', fixture('notes.txt')]], { internal: 'true' }))).status).toBe(403);

    const download = await agent.get(`/api/attachments/${pub.body.items[0].id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="notes.txt"/);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-security-policy')).toContain('sandbox');
    expect(Buffer.from(download.body)).toEqual(fixture('notes.txt'));

    const theirs = (await requester.get(`/api/tickets/${id}`)).body;
    expect(theirs.attachments.map((a: any) => a.filename)).toEqual(['notes.txt']);
    expect(theirs.events.map((e: any) => e.type)).not.toContain('attachment.internal');
    expect((await requester.get(`/api/attachments/${priv.body.items[0].id}`)).status).toBe(404);
    expect((await specialist.get(`/api/attachments/${pub.body.items[0].id}`)).status).toBe(404);
  });

  it('previews images inline, and never anything else', async () => {
    const created = await requester.post('/api/workflows/it-incident/submissions', incident([]));
    const id = created.body.ticket.id;
    const up = await requester.post(`/api/tickets/${id}/attachments`, form([['pixel.gif', fixture('pixel.gif')], ['report.pdf', fixture('header.pdf')]]));
    const [gif, pdf] = up.body.items;
    const image = await requester.get(`/api/attachments/${gif.id}?preview=1`);
    expect(image.headers.get('content-type')).toBe('image/gif');
    expect(image.headers.get('content-disposition')).toMatch(/^inline/);
    const notImage = await requester.get(`/api/attachments/${pdf.id}?preview=1`);
    expect(notImage.headers.get('content-disposition')).toMatch(/^attachment/);
  });
});
