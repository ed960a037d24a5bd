/** Admins edit and preview templates; broken or unsafe ones are refused with line and column. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedTemplates } from '../../server/assets.ts';
import { loadConfig } from '../../server/config.ts';
import { startDesk } from '../../server/desk.ts';
import { locales } from '../../server/engine/people/people.schema.ts';
import { parseTemplateFile } from '../../server/engine/templates.ts';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let admin: Client;

beforeAll(async () => {
  t = await startTestDesk();
  admin = await t.as('admin@example.com');
});
afterAll(() => t.close());

describe('saving a template', () => {
  it('refuses one that does not compile, with the line and column', async () => {
    const res = await admin.put('/api/admin/templates/en/ack-requester', {
      subject: 'Thanks {{requester.name}}',
      body: 'Hello,\n\nYour ticket {{ticket.number}\nis logged.',
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].path).toBe('body:3:28');
    expect(res.body.errors[0].message).toBe('line 3, column 28: the template cannot be read here: found "}" where it does not belong');
  });

  it.each([
    ['{{{requester.name}}}', 'unescaped output'],
    ['{{& requester.name}}', 'unescaped output'],
    ['{{> footer}}', 'partials'],
    ['{{requester.constructor}}', '"constructor" cannot be read'],
    ['{{ticket.__proto__}}', '"__proto__" cannot be read'],
    ['{{lookup ticket "constructor"}}', '"lookup" is not a helper'],
    ['{{#with ticket}}{{this.constructor.name}}{{/with}}', '"constructor" cannot be read'],
    ['{{log ticket}}', '"log" is not a helper'],
  ])('refuses %s', async (body, reason) => {
    const res = await admin.put('/api/admin/templates/en/ack-requester', { subject: 'x', body });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].message).toContain(reason);
  });

  it("keeps an admin's template over the shipped default when the desk restarts", async () => {
    const custom = { subject: '[{{ticket.number}}] Logged', body: 'Our own words, {{requester.name}}.' };
    const saved = await admin.put('/api/admin/templates/en/ack-requester', custom);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ ...custom, origin: 'custom', updatedBy: 'admin@example.com' });

    // A second desk process on the same file installs the shipped defaults again.
    const again = await startDesk({ config: loadConfig({ PORT: '0', HOST: '127.0.0.1', DESK_DB: t.dbFile }), mode: 'demo' });
    try {
      expect(again.defaults.templates.kept).toBeGreaterThan(0);
      const stored = t.desk.database.sqlite.prepare("SELECT subject, body, origin FROM templates WHERE name = 'ack-requester' AND locale = 'en'").get();
      expect(stored).toEqual({ ...custom, origin: 'custom' });
    } finally {
      await again.close();
    }

    const requester = await t.as('requester@example.com');
    const res = await requester.post('/api/workflows/it-incident/submissions', {
      fields: { summary: 'Custom template canary', service: 'other', impact: 'me', urgency: 'low', details: 'x' },
    });
    const mail = await t.mail.waitFor((m) => m.to.includes('requester@example.com') && m.subject === `[${res.body.ticket.number}] Logged`);
    expect(mail.text).toBe('Our own words, Alex Requester.');
  });
});

describe('preview', () => {
  it('renders against a sample ticket in the chosen language, escaping HTML and keeping the subject on one line', async () => {
    const res = await admin.post('/api/admin/templates/preview', {
      locale: 'cy',
      template: { subject: '{{ticket.number}}\r\nBcc: victim@example.com', body: 'Teitl: {{ticket.title}} — {{duration sla.resolutionMinutes}}' },
      ticket: { title: '<script>alert(1)</script>' },
    });
    expect(res.status).toBe(200);
    expect(res.body.subject).toBe('INC-1042 Bcc: victim@example.com');
    expect(res.body.html).toBe('Teitl: &lt;script&gt;alert(1)&lt;/script&gt; — 8 h');
    expect(res.body.text).toBe('Teitl: <script>alert(1)</script> — 8 h');
  });

  it('refuses a template that does not compile, the same way as saving', async () => {
    const res = await admin.post('/api/admin/templates/preview', { template: { subject: '{{#if x}}', body: 'b' } });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toMatch(/^subject:1:/);
  });

  it('lists every shipped template in every language the desk speaks', async () => {
    const items = (await admin.get('/api/admin/templates')).body.items;
    const names = (locale: string) => items.filter((i: { locale: string }) => i.locale === locale).map((i: { name: string }) => i.name).sort();
    expect(names('en')).toEqual([
      'ack-requester', 'agent-reply', 'alert-resolved', 'approval-rejected', 'approval-reminder', 'approval-request', 'confirm-resolution', 'new-ticket-queue', 'requester-replied',
      'sla-breach', 'sla-warning', 'ticket-assigned', 'ticket-escalated', 'ticket-reopened',
    ]);
    expect(locales).toEqual(['en', 'cy', 'zh-CN', 'ro']);
    for (const locale of locales) expect([locale, names(locale)]).toEqual([locale, names('en')]);
  });

  it.each(locales.filter((l) => l !== 'en'))('ships %s templates that are translated, use the same variables as English, and render', async (locale) => {
    // The files themselves: tests above change what the desk has stored.
    const items = shippedTemplates();
    const variables = (text: string) => [...new Set([...text.matchAll(/\{\{[#/]?(?:if |each |with |unless )?\(?(?:date |duration |eq )?([a-zA-Z][\w.]*)/g)].map((m) => m[1]))].sort();
    for (const en of items.filter((i) => i.locale === 'en')) {
      const own = items.find((i) => i.locale === locale && i.name === en.name)!;
      expect([en.name, variables(own.subject + own.body)]).toEqual([en.name, variables(en.subject + en.body)]);
      expect([en.name, own.body === en.body]).toEqual([en.name, false]);
      const preview = await admin.post('/api/admin/templates/preview', { template: { subject: own.subject, body: own.body }, locale });
      expect([en.name, preview.status]).toEqual([en.name, 200]);
      expect(preview.body.text).toContain('INC-1042');
    }
  });
});

describe('the variables a template may use', () => {
  type Variable = { path: string; description: string; example: unknown };
  const byPath = (items: Variable[]) => new Map(items.map((v) => [v.path, v]));

  it('lists every variable of the render context with its description and the sample value in the chosen language', async () => {
    const en = await admin.get('/api/admin/templates/variables');
    expect(en.status).toBe(200);
    const vars = byPath(en.body.variables);
    expect(vars.get('ticket.number')).toMatchObject({ example: 'INC-1042', description: expect.stringContaining('reference') });
    expect(vars.get('ticket.queue.name')?.example).toBe('Network');
    expect(vars.get('requester.name')?.example).toBe('Alex Requester');
    expect(vars.get('recipient.timeZone')?.example).toBe('UTC');
    expect(vars.get('ticket.fields.service')?.example).toBe('vpn');
    expect(vars.get('satisfaction.rating')?.example).toBe(5);
    // Only leaves: an object would render as "[object Object]".
    expect(vars.has('ticket.queue')).toBe(false);
    expect(vars.has('ticket.fields')).toBe(false);
    expect(en.body.variables.every((v: Variable) => v.description.length > 0)).toBe(true);

    const cy = byPath((await admin.get('/api/admin/templates/variables?locale=cy')).body.variables);
    expect(cy.get('ticket.queue.name')?.example).toBe('Rhwydwaith');
    expect(cy.get('recipient.locale')?.example).toBe('cy');
  });

  it('renders every listed variable, so the list names nothing the engine lacks', async () => {
    const { variables } = (await admin.get('/api/admin/templates/variables')).body;
    const body = variables.map((v: Variable) => `${v.path}={{${v.path}}}`).join('\n');
    const res = await admin.post('/api/admin/templates/preview', { template: { subject: 's', body } });
    expect(res.status).toBe(200);
    const lines = res.body.text.split('\n');
    // The sample's timestamps are "now" at each call, so those only have to be timestamps.
    const timestamp = /^\d{4}-\d\d-\d\dT[\d:.]+Z$/;
    variables.forEach((v: Variable, i: number) => {
      const [path, value] = [lines[i]!.slice(0, v.path.length + 1), lines[i]!.slice(v.path.length + 1)];
      expect(path).toBe(`${v.path}=`);
      if (typeof v.example === 'string' && timestamp.test(v.example)) expect(value).toMatch(timestamp);
      else expect(value).toBe(v.example === null ? '' : String(v.example));
    });
  });

  it('lists the helpers with how to write them', async () => {
    const { helpers } = (await admin.get('/api/admin/templates/variables')).body;
    expect(helpers.map((h: { name: string }) => h.name)).toEqual(['date', 'duration', 'eq', 'if', 'unless', 'each', 'with']);
    const usage = helpers.map((h: { usage: string }) => h.usage).join('\n');
    // Each usage is itself a template the desk accepts.
    expect((await admin.post('/api/admin/templates/preview', { template: { subject: 's', body: usage } })).status).toBe(200);
  });

  it('takes a real ticket\'s values when asked', async () => {
    const requester = await t.as('requester@example.com');
    const created = await requester.post('/api/workflows/it-incident/submissions', {
      fields: { summary: 'Printer on fire', service: 'other', impact: 'me', urgency: 'low', details: 'smoke' },
    });
    const id = created.body.ticket.id;
    const vars = byPath((await admin.get(`/api/admin/templates/variables?ticketId=${id}`)).body.variables);
    expect(vars.get('ticket.title')?.example).toBe('Printer on fire');
    expect(vars.get('ticket.fields.details')?.example).toBe('smoke');
    const preview = await admin.post('/api/admin/templates/preview', { template: { subject: '{{ticket.number}}', body: '{{ticket.title}}' }, ticketId: id });
    expect(preview.body).toMatchObject({ subject: created.body.ticket.number, text: 'Printer on fire' });
    const missing = await admin.post('/api/admin/templates/preview', { template: { subject: 's', body: 'b' }, ticketId: 999999 });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].path).toBe('ticketId');
  });

  it('is for admins only', async () => {
    const agent = await t.as('agent@example.com');
    expect((await agent.get('/api/admin/templates/variables')).status).toBe(403);
  });
});

describe('compile errors, placed by part, line and column', () => {
  it.each([
    // A block never closed is found at the end of the template: line 3, just after its last character.
    [{ subject: 'Hi', body: 'Hello,\n{{#if ticket.priority}}\nurgent' }, 'body:3:7', 'found the end of the template'],
    [{ subject: 'About {{ticket.number', body: 'x' }, 'subject:1:', ''],
    [{ subject: 'x', body: 'one\ntwo {{requester.name}}\n  {{> footer}}' }, 'body:3:3', 'partials'],
    // A block closed by the wrong name is found at the name of the block it opened.
    [{ subject: 'x', body: 'ab\n  {{#if a}}\n{{/each}}' }, 'body:2:6', "if doesn't match each"],
  ])('%j → %s', async (template, where, message) => {
    const res = await admin.post('/api/admin/templates/preview', { template });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path.startsWith(where)).toBe(true);
    const [part, line, column] = res.body.errors[0].path.split(':');
    expect(['subject', 'body']).toContain(part);
    expect(res.body.errors[0].message).toBe(`line ${line}, column ${column}: ${res.body.errors[0].message.replace(/^line \d+, column \d+: /, '')}`);
    expect(res.body.errors[0].message).toContain(message);
    // Saving says the same, and saves nothing.
    const saved = await admin.put('/api/admin/templates/en/compile-check', template);
    expect(saved.status).toBe(422);
    expect(saved.body.errors).toEqual(res.body.errors);
    expect((await admin.get('/api/admin/templates')).body.items.some((i: { name: string }) => i.name === 'compile-check')).toBe(false);
  });
});

describe('returning a template to the shipped text, and deleting one', () => {
  const shippedCy = parseTemplateFile(readFileSync(new URL('../../templates/cy/agent-reply.hbs', import.meta.url), 'utf8'));
  const listed = async (name: string, locale = 'en') =>
    ((await admin.get('/api/admin/templates')).body.items as { name: string; locale: string }[]).find((x) => x.name === name && x.locale === locale);
  const remove = (locale: string, name: string) => admin.request('DELETE', `/api/admin/templates/${locale}/${name}`);
  const ours = { subject: '[{{ticket.number}}] Welcome', body: 'Hello {{requester.name}}, welcome aboard.' };

  it('puts back the shipped text of a customised template, which the list marks as shipped again', async () => {
    await admin.put('/api/admin/templates/cy/agent-reply', { subject: 'Ein geiriau ni', body: 'Testun arall.' });
    expect(await listed('agent-reply', 'cy')).toMatchObject({ origin: 'custom', shippedVersion: true });

    const res = await admin.post('/api/admin/templates/cy/agent-reply/revert');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ...shippedCy, origin: 'shipped', updatedBy: 'admin@example.com' });
    expect(await listed('agent-reply', 'cy')).toMatchObject({ ...shippedCy, origin: 'shipped' });
  });

  it('refuses to return a template the desk does not ship (409) or does not have (404)', async () => {
    await admin.put('/api/admin/templates/en/new-starter-welcome', ours);
    expect(await listed('new-starter-welcome')).toMatchObject({ origin: 'custom', shippedVersion: false });
    const none = await admin.post('/api/admin/templates/en/new-starter-welcome/revert');
    expect(none.status).toBe(409);
    expect(none.body.detail).toContain('ships no template en/new-starter-welcome');
    expect((await admin.post('/api/admin/templates/cy/new-starter-welcome/revert')).status).toBe(404);
  });

  it('deletes a template no workflow sends, one language at a time', async () => {
    await admin.put('/api/admin/templates/en/farewell', ours);
    await admin.put('/api/admin/templates/cy/farewell', { subject: 'Hwyl fawr', body: 'Hwyl.' });
    expect((await remove('cy', 'farewell')).status).toBe(204);
    expect(await listed('farewell', 'cy')).toBeUndefined();
    expect(await listed('farewell', 'en')).toBeDefined();
    expect((await remove('en', 'farewell')).status).toBe(204);
    expect(await listed('farewell', 'en')).toBeUndefined();
    expect((await remove('en', 'farewell')).status).toBe(404);
  });

  it('refuses to delete a shipped template: it can only go back to the shipped text', async () => {
    const res = await remove('en', 'ticket-assigned');
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain('return it to the shipped text');
    expect(await listed('ticket-assigned')).toBeDefined();
  });

  it('refuses to delete a template a published workflow or a draft sends, naming the workflows and where', async () => {
    await admin.put('/api/admin/templates/en/vip-ack', ours);
    await admin.put('/api/admin/templates/cy/vip-ack', ours);
    await admin.put('/api/admin/templates/en/breach-to-director', ours);
    const wf = (await admin.get('/api/admin/workflows/service-request')).body.draft;
    wf.notifications.push({ on: 'ticket.created', template: 'vip-ack', to: ['requester'] });
    expect((await admin.put('/api/admin/workflows/service-request/draft', wf)).status).toBe(200);
    expect((await admin.post('/api/admin/workflows/service-request/publish', {})).status).toBe(201);
    const at = wf.notifications.length - 1;
    // Only in access-request's draft, in an escalation's notify action.
    const access = (await admin.get('/api/admin/workflows/access-request')).body.draft;
    access.escalations[0].do.push({ notify: { template: 'breach-to-director', to: ['queue.manager'] } });
    access.notifications.push({ on: 'ticket.created', template: 'vip-ack', to: ['queue'] });
    expect((await admin.put('/api/admin/workflows/access-request/draft', access)).status).toBe(200);

    const used = await remove('cy', 'vip-ack');
    expect(used.status).toBe(409);
    expect(used.body.detail).toBe('The template vip-ack is used by the workflows service-request, access-request: change their notifications first');
    expect(used.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'service-request', message: expect.stringMatching(new RegExp(`^version \\d+ sends it \\(notifications\\[${at}\\]\\.template\\)$`)) },
        { path: 'service-request', message: `the draft sends it (notifications[${at}].template)` },
        { path: 'access-request', message: `the draft sends it (notifications[${access.notifications.length - 1}].template)` },
      ]),
    );
    const draftOnly = await remove('en', 'breach-to-director');
    expect(draftOnly.status).toBe(409);
    expect(draftOnly.body.errors).toEqual([{ path: 'access-request', message: `the draft sends it (escalations[0].do[${access.escalations[0].do.length - 1}].notify.template)` }]);
    expect(await listed('vip-ack', 'cy')).toBeDefined();
    expect(await listed('breach-to-director')).toBeDefined();
  });

  it('is for admins only', async () => {
    const agent = await t.as('agent@example.com');
    expect((await agent.post('/api/admin/templates/cy/agent-reply/revert')).status).toBe(403);
    expect((await agent.request('DELETE', '/api/admin/templates/en/vip-ack')).status).toBe(403);
  });
});
