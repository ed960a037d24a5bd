/**
 * Admins check, publish, simulate, import and export workflows over real
 * HTTP; tickets keep the version they were created under.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let admin: Client;
let requester: Client;

const shipped = (id: string) => JSON.parse(readFileSync(new URL(`../../workflows/${id}.json`, import.meta.url), 'utf8'));
const paths = (res: { body: { errors: { path: string }[] } }) => res.body.errors.map((e) => e.path).sort();
const rows = (table: string) => (t.desk.database.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

beforeAll(async () => {
  t = await startTestDesk({ smtp: false });
  admin = await t.as('admin@example.com');
  requester = await t.as('requester@example.com');
});
afterAll(() => t.close());

describe('the workflows list', () => {
  it('shows each shipped workflow published as version 1, with no unpublished changes', async () => {
    const items = (await admin.get('/api/admin/workflows')).body.items;
    expect(items.map((w: { id: string }) => w.id)).toEqual(['access-request', 'complaint', 'infrastructure-alert', 'it-incident', 'problem', 'service-request']);
    for (const w of items) expect(w).toMatchObject({ published: { version: 1 }, draftAhead: false, draftRevision: 1 });
  });
});

describe('a definition with dangling references', () => {
  it('is refused with the path and reason of every problem at once', async () => {
    const wf = shipped('it-incident');
    wf.categorise[1].set.queue = 'printers';
    wf.notifications[0].template = 'ack-requestor';
    wf.categorise[0].when = { in: [{ var: 'fields.servise' }, ['vpn']] };
    wf.sla = 'gold';
    wf.escalations[0].when = { '>=': [{ var: 'sla.resolution.elapsedPct' }, { log: 80 }] };
    const res = await admin.put('/api/admin/workflows/it-incident/draft', wf);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(paths(res)).toEqual(
      ['categorise[0].when.in[0].var', 'categorise[1].set.queue', 'escalations[0].when.>=[1]', 'notifications[0].template', 'sla'].sort(),
    );
    const byPath = Object.fromEntries(res.body.errors.map((e: { path: string; message: string }) => [e.path, e.message]));
    expect(byPath['categorise[1].set.queue']).toBe('the queue "printers" does not exist');
    expect(byPath['notifications[0].template']).toBe('the template "ack-requestor" does not exist');
    expect(byPath['categorise[0].when.in[0].var']).toBe('reads the field "servise", which the form does not have');
    expect(byPath['sla']).toBe('the SLA policy "gold" does not exist');
    expect(byPath['escalations[0].when.>=[1]']).toBe('"log" is not a rule operator this desk knows');
  });

  it('with a shape error names the exact field', async () => {
    const wf = shipped('it-incident');
    wf.form.fields[2].type = 'dropdown';
    wf.colour = 'blue';
    const res = await admin.put('/api/admin/workflows/it-incident/draft', wf);
    expect(res.status).toBe(422);
    expect(paths(res)).toEqual(['colour', 'form.fields[2].type']);
  });

  it('leaves the saved draft as it was', async () => {
    const draft = await admin.get('/api/admin/workflows/it-incident');
    expect(draft.body.draft.sla).toBe('standard');
  });
});

describe('publishing', () => {
  it('makes a new version, and tickets keep the version they were created under', async () => {
    const fields = { summary: 'E-mail will not sync', service: 'email', impact: 'me', urgency: 'medium', details: 'Outlook says disconnected.' };
    const before = await requester.post('/api/workflows/it-incident/submissions', { fields });
    expect(before.status).toBe(201);
    expect(before.body.ticket.queue).toBe('first-line');

    const versionsBefore = (await admin.get('/api/admin/workflows/it-incident/versions')).body.items;
    const wf = shipped('it-incident');
    wf.categorise[1].set.queue = 'network'; // network problems now go straight to the network team
    const saved = await admin.put('/api/admin/workflows/it-incident/draft', wf);
    expect(saved.status).toBe(200);

    const listed = (await admin.get('/api/admin/workflows')).body.items.find((w: { id: string }) => w.id === 'it-incident');
    expect(listed).toMatchObject({ draftAhead: true, published: { version: versionsBefore[0].version } });

    const published = await admin.post('/api/admin/workflows/it-incident/publish', { note: 'Network problems go to the network team' });
    expect(published.status).toBe(201);
    expect(published.body.version).toBe(versionsBefore[0].version + 1);
    expect(published.body.note).toBe('Network problems go to the network team');
    expect(published.body.publishedBy).toBe('admin@example.com');

    const after = await requester.post('/api/workflows/it-incident/submissions', { fields });
    expect(after.body.ticket.queue).toBe('network');
    expect(after.body.ticket.workflowVersionId).toBe(published.body.id);

    const old = await requester.get(`/api/tickets/${before.body.ticket.id}`);
    expect(old.body.ticket.workflowVersionId).toBe(before.body.ticket.workflowVersionId);
    expect(old.body.ticket.workflowVersionId).not.toBe(published.body.id);
    expect(old.body.ticket.queue).toBe('first-line');

    const versions = (await admin.get('/api/admin/workflows/it-incident/versions')).body.items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([published.body.version, ...versionsBefore.map((v: { version: number }) => v.version)]);
  });

  it('refuses to publish a draft identical to the published version', async () => {
    const res = await admin.post('/api/admin/workflows/service-request/publish', {});
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('nothing-to-publish');
  });

  it('refuses a draft saved over a newer revision (two admins editing)', async () => {
    const draft = (await admin.get('/api/admin/workflows/access-request')).body;
    const first = await admin.put(`/api/admin/workflows/access-request/draft?baseRevision=${draft.revision}`, draft.draft);
    expect(first.status).toBe(200);
    const second = await admin.put(`/api/admin/workflows/access-request/draft?baseRevision=${draft.revision}`, draft.draft);
    expect(second.status).toBe(409);
    expect(second.body.detail).toMatch(/Someone else saved this draft/);
  });

  it('is for admins only', async () => {
    expect((await requester.post('/api/admin/workflows/it-incident/publish', {})).status).toBe(403);
    expect((await (await t.as('agent@example.com')).get('/api/admin/workflows')).status).toBe(403);
    expect((await t.anonymous().get('/api/admin/workflows')).status).toBe(401);
  });
});

describe('simulate', () => {
  it('shows the ticket, queue, priority, SLA and rendered notifications, and writes nothing', async () => {
    const counts = ['tickets', 'ticket_events', 'outbox', 'workflow_versions', 'counters'].map((table) => [table, rows(table)]);
    const counter = t.desk.database.sqlite.prepare("SELECT value FROM counters WHERE name = 'ticket'").get();
    const res = await admin.post('/api/admin/workflows/it-incident/simulate', {
      fields: { summary: 'Laptop will not boot', service: 'laptop', asset_tag: 'LT-0042', impact: 'me', urgency: 'high', details: 'Black screen.' },
    });
    expect(res.status).toBe(200);
    expect(res.body.ticket).toMatchObject({ id: null, number: 'INC-new', queue: 'first-line', category: 'hardware', priority: 'P3' });
    expect(res.body.ticket.sla).toMatchObject({ policy: 'standard', responseMinutes: 240, resolutionMinutes: 2880 });
    const ack = res.body.notifications.find((n: { template: string }) => n.template === 'ack-requester');
    expect(ack).toMatchObject({ status: 'pending', recipient: { email: 'admin@example.com' } });
    expect(ack.subject).toContain('Laptop will not boot');
    expect(res.body.events[0]).toMatchObject({ type: 'ticket.created', data: { queue: 'first-line', matchedRules: [2] } });
    expect(['tickets', 'ticket_events', 'outbox', 'workflow_versions', 'counters'].map((table) => [table, rows(table)])).toEqual(counts);
    expect(t.desk.database.sqlite.prepare("SELECT value FROM counters WHERE name = 'ticket'").get()).toEqual(counter);
  });

  it('reports a submission the draft would refuse, by field path', async () => {
    const res = await admin.post('/api/admin/workflows/it-incident/simulate', { fields: { service: 'printer' } });
    expect(res.status).toBe(422);
    expect(paths(res)).toEqual(['fields.details', 'fields.impact', 'fields.printer_id', 'fields.summary', 'fields.urgency']);
  });
});

describe('export and import', () => {
  it('round-trips a workflow file as a new workflow that can be published and used', async () => {
    const exported = await admin.get('/api/admin/workflows/service-request/export');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename="service-request.json"');
    const copy = { ...exported.body, id: 'hardware-loan', name: { en: 'Borrow a device' } };
    const imported = await admin.post('/api/admin/workflows/import', copy);
    expect(imported.status).toBe(200);
    expect(imported.body).toEqual({ id: 'hardware-loan', revision: 1 });
    expect((await admin.post('/api/admin/workflows/hardware-loan/publish', {})).status).toBe(201);
    const catalog = (await requester.get('/api/catalog')).body.items.map((w: { id: string }) => w.id);
    expect(catalog).toContain('hardware-loan');
  });

  it('refuses a file with problems and names them', async () => {
    const res = await admin.post('/api/admin/workflows/import', { id: 'Bad Id', kind: 'incident' });
    expect(res.status).toBe(422);
    expect(paths(res)).toEqual(expect.arrayContaining(['id', 'name', 'form', 'priority', 'sla']));
  });
});
