/**
 * Checking a draft without saving, reading and rolling back to published
 * versions, and simulating from a past ticket with the escalation timeline,
 * over real HTTP against a real SQLite file.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let admin: Client;
let requester: Client;

const shipped = (id: string) => JSON.parse(readFileSync(new URL(`../../workflows/${id}.json`, import.meta.url), 'utf8'));
const rows = (table: string) => (t.desk.database.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const withoutSchema = ({ $schema: _, ...rest }: Record<string, unknown>) => rest;
const minutesBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 60_000;

beforeAll(async () => {
  t = await startTestDesk({ smtp: false });
  admin = await t.as('admin@example.com');
  requester = await t.as('requester@example.com');
});
afterAll(() => t.close());

describe('validate without saving', () => {
  it('answers an empty list for a definition a save would accept, and stores nothing', async () => {
    const before = (await admin.get('/api/admin/workflows/it-incident')).body.revision;
    const res = await admin.post('/api/admin/workflows/it-incident/validate', shipped('it-incident'));
    expect(res.status).toBe(200);
    expect(res.body.problems).toEqual([]);
    // The definition as it would be published: defaults filled in, as a published version has them.
    expect(res.body.definition).toEqual((await admin.get('/api/admin/workflows/it-incident/versions/1')).body.definition);
    expect((await admin.get('/api/admin/workflows/it-incident')).body.revision).toBe(before);
  });

  it('lists exactly the problems (paths and messages) a save would be refused with, and the draft stays as it was', async () => {
    const wf = shipped('it-incident');
    wf.categorise[1].set.queue = 'printers';
    wf.form.fields[2].type = 'dropdown';
    const checked = await admin.post('/api/admin/workflows/it-incident/validate', wf);
    const refused = await admin.put('/api/admin/workflows/it-incident/draft', wf);
    expect(refused.status).toBe(422);
    expect(checked.status).toBe(200);
    expect(checked.body.problems).toEqual(refused.body.errors);
    expect(checked.body.problems.map((p: { path: string }) => p.path)).toEqual(['form.fields[2].type']);
    wf.form.fields[2].type = 'select';
    const references = await admin.post('/api/admin/workflows/it-incident/validate', wf);
    expect(references.body.problems).toEqual([{ path: 'categorise[1].set.queue', message: 'the queue "printers" does not exist' }]);
    expect((await admin.get('/api/admin/workflows/it-incident')).body.draft.categorise[1].set.queue).not.toBe('printers');
  });

  it('says when the definition belongs to another workflow', async () => {
    const res = await admin.post('/api/admin/workflows/service-request/validate', shipped('it-incident'));
    expect(res.body.problems).toEqual([{ path: 'id', message: 'must be "service-request", the workflow this draft belongs to' }]);
  });
});

describe('published versions and rollback', () => {
  const id = 'access-request';
  const path = `/api/admin/workflows/${id}`;

  it('shows any published version in full', async () => {
    const v1 = await admin.get(`${path}/versions/1`);
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({ version: 1, workflowId: id });
    expect(withoutSchema(v1.body.definition)).toEqual(withoutSchema((await admin.get(`${path}/export`)).body));
    expect((await admin.get(`${path}/versions/99`)).status).toBe(404);
  });

  it('rolls back by publishing the old definition as a new version, and the draft follows it', async () => {
    const v1 = (await admin.get(`${path}/versions/1`)).body.definition;
    const draft = (await admin.get(path)).body;
    const changed = { ...draft.draft, name: { ...draft.draft.name, en: 'Ask for access (new wording)' } };
    expect((await admin.put(`${path}/draft?baseRevision=${draft.revision}`, changed)).status).toBe(200);
    expect((await admin.post(`${path}/publish`, { note: 'New wording' })).status).toBe(201);

    const res = await admin.post(`${path}/rollback`, { version: 1, note: 'The new wording confused people' });
    expect(res.status).toBe(201);
    expect(res.body.version).toMatchObject({ version: 3, note: 'The new wording confused people', publishedBy: 'admin@example.com' });
    expect(withoutSchema((await admin.get(`${path}/export`)).body)).toEqual(withoutSchema(v1));
    const after = (await admin.get(path)).body;
    expect(after.revision).toBe(res.body.revision);
    expect(after.draft.name.en).toBe(v1.name.en);
    const listed = (await admin.get('/api/admin/workflows')).body.items.find((w: { id: string }) => w.id === id);
    expect(listed).toMatchObject({ published: { version: 3 }, draftAhead: false });
  });

  it('refuses to throw away a draft with unpublished changes unless told to', async () => {
    const draft = (await admin.get(path)).body;
    const ahead = { ...draft.draft, name: { ...draft.draft.name, en: 'Not published yet' } };
    expect((await admin.put(`${path}/draft?baseRevision=${draft.revision}`, ahead)).status).toBe(200);
    const versions = rows('workflow_versions');

    const refused = await admin.post(`${path}/rollback`, { version: 2, note: 'Back to the new wording' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('draft-ahead');
    expect(rows('workflow_versions')).toBe(versions);
    expect((await admin.get(path)).body.draft.name.en).toBe('Not published yet');

    // Discarding only what the admin has seen: a draft saved since (another admin) is a conflict.
    const revision = (await admin.get(path)).body.revision;
    const stale = await admin.post(`${path}/rollback`, { version: 2, note: 'Back to the new wording', discardDraft: true, baseRevision: revision - 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('conflict');
    expect(rows('workflow_versions')).toBe(versions);

    const done = await admin.post(`${path}/rollback`, { version: 2, note: 'Back to the new wording', discardDraft: true, baseRevision: revision });
    expect(done.status).toBe(201);
    expect(done.body.version.version).toBe(4);
    expect((await admin.get(path)).body.draft.name.en).toBe('Ask for access (new wording)');
  });

  it('refuses a rollback to what is already published, one without a note, and a version that does not exist', async () => {
    const same = await admin.post(`${path}/rollback`, { version: 2, note: 'again' });
    expect(same.status).toBe(409);
    expect(same.body.code).toBe('nothing-to-publish');
    const noNote = await admin.post(`${path}/rollback`, { version: 1, note: ' ' });
    expect(noNote.status).toBe(422);
    expect(noNote.body.errors.map((e: { path: string }) => e.path)).toEqual(['note']);
    expect((await admin.post(`${path}/rollback`, { version: 42, note: 'x' })).status).toBe(404);
  });

  it('is for admins only', async () => {
    expect((await requester.post(`${path}/rollback`, { version: 1, note: 'x' })).status).toBe(403);
    expect((await requester.get(`${path}/versions/1`)).status).toBe(403);
    expect((await requester.post(`${path}/validate`, shipped(id))).status).toBe(403);
  });
});

describe('simulate from a past ticket, with the escalation timeline', () => {
  it("runs a past ticket's answers through the draft: the same queue and priority, the ticket named, nothing written", async () => {
    const fields = { summary: 'Wi-Fi drops every hour', service: 'wifi', impact: 'team', urgency: 'high', details: 'Second floor.' };
    const logged = (await requester.post('/api/workflows/it-incident/submissions', { fields })).body.ticket;
    const counts = ['tickets', 'ticket_events', 'outbox'].map((table) => rows(table));

    const res = await admin.post('/api/admin/workflows/it-incident/simulate', { ticketId: logged.id });
    expect(res.status).toBe(200);
    expect(res.body.ticket).toMatchObject({ number: 'INC-new', queue: logged.queue, priority: logged.priority });
    expect(res.body.from).toEqual({ ticketId: logged.id, number: logged.number, title: 'Wi-Fi drops every hour', workflowId: 'it-incident', ignoredFields: [] });
    // The ticket's requester is the simulated requester: the acknowledgement is addressed to them.
    expect(res.body.notifications.find((n: { template: string }) => n.template === 'ack-requester').recipient.email).toBe('requester@example.com');
    expect(['tickets', 'ticket_events', 'outbox'].map((table) => rows(table))).toEqual(counts);
  });

  it('reports the answers the draft has no field for, and still simulates', async () => {
    const fields = { summary: 'Printer jams', service: 'printer', printer_id: 'PR-7', impact: 'me', urgency: 'low', details: 'Tray 2.' };
    const logged = (await requester.post('/api/workflows/it-incident/submissions', { fields })).body.ticket;
    const draft = (await admin.get('/api/admin/workflows/it-incident')).body;
    const wf = structuredClone(draft.draft);
    wf.form.fields = wf.form.fields.filter((f: { key: string }) => f.key !== 'printer_id');
    wf.categorise = wf.categorise.map((r: { when: unknown }) => (JSON.stringify(r.when).includes('printer_id') ? { ...r, when: true } : r));
    const saved = await admin.put(`/api/admin/workflows/it-incident/draft?baseRevision=${draft.revision}`, wf);
    expect(saved.body.errors ?? []).toEqual([]);

    const res = await admin.post('/api/admin/workflows/it-incident/simulate', { ticketId: logged.id });
    expect(res.status).toBe(200);
    expect(res.body.from.ignoredFields).toEqual(['printer_id']);
    expect(res.body.ticket.fields).not.toHaveProperty('printer_id');
  });

  it('says when the ticket does not exist', async () => {
    const res = await admin.post('/api/admin/workflows/it-incident/simulate', { ticketId: 999999 });
    expect(res.status).toBe(404);
  });

  it("lists when each of it-incident's escalation rules would fire, in business minutes from logging, and which would not", async () => {
    const p2 = { summary: 'Whole floor offline', service: 'wifi', impact: 'team', urgency: 'high', details: 'Nothing connects.' };
    const res = await admin.post('/api/admin/workflows/it-incident/simulate', { fields: p2 });
    const { ticket, escalations } = res.body;
    expect(ticket.priority).toBe('P2');
    expect(escalations.map((e: { rule: string }) => e.rule)).toEqual(['resolution-warning', 'resolution-breach', 'major-breach']);
    // P2 on the 24×7 standard policy: resolution in 480 minutes; 80% is 384; the major breach two hours after.
    expect(escalations.map((e: { businessMinutes: number }) => e.businessMinutes)).toEqual([384, 480, 600]);
    expect(escalations.map((e: { firesAt: string }) => minutesBetween(ticket.createdAt, e.firesAt))).toEqual([384, 480, 600]);
    expect(escalations.every((e: { trigger: string; holdsNow: boolean }) => e.trigger === 'time' && e.holdsNow)).toBe(true);
    expect(escalations[1].actions).toEqual([{ note: true }, { notify: 'sla-breach' }]);

    const p4 = { summary: 'Mouse is sticky', service: 'laptop', asset_tag: 'LT-0001', impact: 'me', urgency: 'low', details: 'Tiny issue.' };
    const low = (await admin.post('/api/admin/workflows/it-incident/simulate', { fields: p4 })).body;
    const major = low.escalations.find((e: { rule: string }) => e.rule === 'major-breach');
    expect(low.ticket.priority).not.toMatch(/P1|P2/);
    expect(major).toMatchObject({ firesAt: null, holdsNow: false });
    expect(minutesBetween(low.ticket.createdAt, major.scheduledAt)).toBe(low.ticket.sla.resolutionMinutes + 120);
  });
});
