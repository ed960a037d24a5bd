/**
 * What an admin writes runs inside the desk, so rules and templates are
 * refused at save time when they could reach the process, and bounded when
 * they run. Through the real admin API (problem+json with the path) where a
 * workflow or template is saved, and at the engine where it is evaluated.
 *
 * Mirrors Handlebars' template-to-RCE advisories (CVE-2019-19919 /
 * GHSA-w457-6q6x-cgp9, CVE-2021-23369: `constructor`, `__proto__`,
 * `__defineGetter__` reached from a template), json-logic-js returning
 * `Object.prototype` for `{"var":"__proto__"}`, and mail header injection
 * through a subject line.
 */
import jsonLogic from 'json-logic-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateRule, inspectRule, maxRuleDepth, maxRuleNodes } from '../../server/engine/rules.ts';
import { maxRenderMs, maxTemplateLength, renderTemplate } from '../../server/engine/templates.ts';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let admin: Client;
let shipped: Record<string, any>;

beforeAll(async () => {
  t = await startTestDesk();
  admin = await t.as('admin@example.com');
  shipped = (await admin.get('/api/admin/workflows/it-incident')).body.draft;
});
afterAll(() => t.close());

const nested = (depth: number): unknown => (depth === 0 ? true : { '!': nested(depth - 1) });

describe('rules (json-logic)', () => {
  it('needs our layer: json-logic-js alone hands out Object.prototype', () => {
    expect(jsonLogic.apply({ var: '__proto__' }, {})).toBe(Object.prototype);
  });

  it.each([
    ['__proto__'],
    ['constructor'],
    ['fields.__proto__'],
    ['fields.constructor.prototype'],
    ['ticket.constructor'],
    ['fields.toString.call'],
  ])('evaluates {"var": "%s"} to nothing, never a prototype or a function', (name) => {
    for (const data of [{}, { fields: {}, ticket: {} }]) {
      const value = evaluateRule({ var: name }, data);
      expect(value === null || value === undefined, `${name} gave ${String(value)}`).toBe(true);
    }
  });

  it('reports toString as missing from {} (it is not a field just because objects have it)', () => {
    expect(evaluateRule({ missing: ['toString'] }, {})).toEqual(['toString']);
    expect(evaluateRule({ missing: ['fields.hasOwnProperty', 'fields.valueOf'] }, { fields: {} })).toEqual(['fields.hasOwnProperty', 'fields.valueOf']);
    expect(evaluateRule({ missing: ['fields.details'] }, { fields: { details: 'x' } })).toEqual([]); // the control
  });

  it.each([
    [{ var: '__proto__' }, ['var']],
    [{ var: ['constructor.prototype', 1] }, ['var']],
    [{ missing: ['fields.__proto__'] }, ['missing', 0]],
    [{ missing_some: [1, ['fields.prototype']] }, ['missing_some', 1, 0]],
    [{ log: 'hello' }, []],
    [{ method: [{ var: 'fields.details' }, 'toUpperCase'] }, []],
    [{ and: [true, { eval: '1' }] }, ['and', 1]],
    [{ var: { cat: ['__pro', 'to__'] } }, ['var']],
  ])('refuses %j before it can run, at %j', (rule, path) => {
    const { problems } = inspectRule(rule);
    expect(problems.map((p) => p.path)).toContainEqual(path);
  });

  it('evaluates against data nested a hundred thousand deep without exhausting the stack', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(evaluateRule({ var: 'fields.summary' }, { fields: { summary: 'ok', deep } })).toBe('ok');
  });

  it('refuses rules nested too deep or too large', () => {
    expect(inspectRule(nested(maxRuleDepth + 5)).problems[0]!.message).toMatch(/deeper than/);
    expect(inspectRule(nested(maxRuleDepth - 1)).problems).toEqual([]);
    const wide = { or: Array.from({ length: maxRuleNodes + 10 }, () => ({ '==': [1, 2] })) };
    expect(inspectRule(wide).problems[0]!.message).toMatch(/too large/);
  });

  /** Saves the shipped incident workflow with its first categorise rule replaced. */
  const saveWithRule = (when: unknown) =>
    admin.put('/api/admin/workflows/it-incident/draft', { ...shipped, categorise: [{ ...shipped.categorise[0], when }, ...shipped.categorise.slice(1)] });

  it.each([
    [{ var: '__proto__' }, 'categorise[0].when.var'],
    [{ '==': [{ var: 'fields.constructor' }, 'x'] }, 'categorise[0].when.==[0].var'],
    [{ log: { var: 'fields.details' } }, 'categorise[0].when'],
    [nested(maxRuleDepth + 3), 'categorise[0].when'],
  ])('refuses a workflow saved with %j, naming %s', async (when, path) => {
    const res = await saveWithRule(when);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors.map((e: { path: string }) => e.path).some((p: string) => p.startsWith(path))).toBe(true);
  });

  it('saves the same workflow with a plain rule (the control), and nothing refused was kept', async () => {
    const before = (await admin.get('/api/admin/workflows/it-incident')).body;
    expect(before.draft).toEqual(shipped);
    expect((await saveWithRule({ '==': [{ var: 'fields.service' }, 'vpn'] })).status).toBe(200);
  });
});

describe('templates (Handlebars)', () => {
  const save = (body: string, subject = '[{{ticket.number}}] {{ticket.title}}') => admin.put('/api/admin/templates/en/security-check', { subject, body });

  it.each([
    ['a partial', '{{> header}}'],
    ['a partial block', '{{#> layout}}x{{/layout}}'],
    ['triple-stash', '{{{ticket.title}}}'],
    ['unescaped {{& }}', '{{& ticket.title}}'],
    ['a decorator', '{{* inline}}'],
    ['a decorator block', '{{#* inline "x"}}y{{/inline}}'],
    ['constructor.constructor', '{{constructor.constructor "return process"}}'],
    ['a prototype path', '{{ticket.__proto__.polluted}}'],
    ['a segment-literal constructor', '{{ticket.[constructor]}}'],
    ['__defineGetter__', '{{#with ticket}}{{__defineGetter__ "x" 1}}{{/with}}'],
    ['lookup of constructor', '{{lookup ticket "constructor"}}'],
    ['lookup in a sub-expression', '{{#if (lookup ticket "constructor")}}x{{/if}}'],
    ['log', '{{log ticket}}'],
    ['an unknown helper', '{{shell "id"}}'],
    ['constructor of a data variable', '{{#each ticket.fields}}{{@key.constructor}}{{/each}}'],
  ])('refuses %s at save time with the line and column', async (_what, body) => {
    const res = await save(`Hello,\n${body}`);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors[0].path).toMatch(/^body:2:\d+$/);
  });

  it('refuses unsafe constructs in the subject too', async () => {
    const res = await save('Hello', '{{{ticket.title}}}');
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toMatch(/^subject:1:\d+$/);
  });

  it('refuses templates over the size limits, by path', async () => {
    const long = await save('x'.repeat(maxTemplateLength + 1));
    expect(long.status).toBe(422);
    expect(long.body.errors.map((e: { path: string }) => e.path)).toContain('body');
    const subject = await save('ok', 'x'.repeat(1001));
    expect(subject.status).toBe(422);
    expect(subject.body.errors.map((e: { path: string }) => e.path)).toContain('subject');
  });

  it('saves a plain template (the control), and none of the refused ones was kept', async () => {
    const saved = await save('Hello {{requester.name}}, {{#each ticket.fields}}{{@key}}: {{this}}\n{{/each}}');
    expect(saved.status).toBe(200);
    const stored = (await admin.get('/api/admin/templates')).body.items.filter((x: { name: string }) => x.name === 'security-check');
    expect(stored).toHaveLength(1);
    expect(stored[0].body).not.toContain('constructor');
  });

  it('escapes what a template prints, in the HTML part', () => {
    const out = renderTemplate({ subject: '{{t}}', body: '{{t}}' }, { t: '<img src=x onerror=alert(1)>' });
    expect(out.html).not.toContain('<img');
    expect(out.html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
  });

  it(`stops a render that runs longer than ${maxRenderMs} ms, and fails only that message`, async () => {
    const loops = (depth: number) => '{{#each @root.ticket.fields}}'.repeat(depth) + '.' + '{{/each}}'.repeat(depth);
    const fields = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`f${i}`, i]));
    // Eight fields, ten loops deep: 8^10 iterations, hours of work without a limit.
    expect((await save(loops(10))).status).toBe(200);
    const started = Date.now();
    const res = await admin.post('/api/admin/templates/preview', { template: { subject: 's', body: loops(10) }, ticket: { fields } });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(res.status).toBe(422);
    expect(res.body.errors[0].message).toMatch(/longer than/);
    // One loop renders as before (the control).
    const one = await admin.post('/api/admin/templates/preview', { template: { subject: 's', body: loops(1) }, ticket: { fields } });
    expect(one.status).toBe(200);
    expect(one.body.text).toBe('........');
  });
});

describe('subjects are one line (no mail header injection)', () => {
  it('strips CR/LF from what a requester puts in a title before it becomes a Subject header', async () => {
    const requester = await t.as('requester@example.com');
    const summary = 'Printer jams\r\nBcc: attacker@evil.example\r\nX-Injected: yes';
    const res = await requester.post('/api/workflows/it-incident/submissions', { fields: { summary, service: 'printer', printer_id: 'PRN-1', impact: 'me', urgency: 'low', details: 'x' } });
    expect(res.status).toBe(201);
    const ack = await t.mail.waitFor((m) => m.to.includes('requester@example.com') && m.subject.includes(res.body.ticket.number));
    expect(ack.subject).toContain('Bcc: attacker@evil.example'); // the payload reached the subject, as text
    expect(ack.subject).not.toMatch(/[\r\n]/);
    await t.mail.waitFor((m) => m.to.some((to) => to !== 'requester@example.com') && m.subject.includes(res.body.ticket.number));
    expect(t.mail.messages.flatMap((m) => m.to)).not.toContain('attacker@evil.example');
  });

  it("strips CR/LF that an admin's subject template itself contains", async () => {
    const res = await admin.post('/api/admin/templates/preview', { template: { subject: 'Hi\r\nBcc: attacker@evil.example {{ticket.title}}', body: 'x' }, ticket: { title: 'a\nb' } });
    expect(res.status).toBe(200);
    expect(res.body.subject).toBe('Hi Bcc: attacker@evil.example a b');
  });
});
