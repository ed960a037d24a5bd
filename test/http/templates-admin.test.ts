/** Admins edit and preview templates; broken or unsafe ones are refused with line and column. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { startDesk } from '../../server/desk.ts';
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

  it('lists every shipped template in English and Welsh', async () => {
    const items = (await admin.get('/api/admin/templates')).body.items;
    const names = (locale: string) => items.filter((i: { locale: string }) => i.locale === locale).map((i: { name: string }) => i.name).sort();
    expect(names('en')).toEqual([
      'ack-requester', 'agent-reply', 'confirm-resolution', 'new-ticket-queue', 'requester-replied',
      'sla-breach', 'sla-warning', 'ticket-assigned', 'ticket-escalated', 'ticket-reopened',
    ]);
    expect(names('cy')).toEqual(names('en'));
  });
});
