import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it, test } from 'vitest';
import { deskSettings } from '../desk/desk.schema.ts';
import type { Problem } from '../problems.ts';
import { validateWorkflow, type WorkflowReferences } from './validate-workflow.ts';

const refs: WorkflowReferences = {
  queues: new Set(['first-line', 'network']),
  slaPolicies: new Set(['standard']),
  templates: new Set(['ack-requester', 'sla-breach']),
};

/** Plain JSON as an admin writes it, so the cases below can break it freely. */
type Json = any;

/** A valid workflow that each case below breaks in one place. */
const minimal = (): Json => ({
  id: 'it-incident',
  name: { en: 'Something is broken' },
  kind: 'incident',
  form: {
    fields: [
      { key: 'summary', type: 'text', required: true, maxLength: 200 },
      { key: 'service', type: 'select', required: true, options: ['vpn', 'email', 'printer'] },
      { key: 'impact', type: 'select', options: ['me', 'everyone'] },
      { key: 'urgency', type: 'select', options: [{ value: 'low', label: { en: 'Low' } }, { value: 'high', label: { en: 'High' } }] },
      { key: 'printer_id', type: 'text', visibleWhen: { '==': [{ var: 'fields.service' }, 'printer'] } },
    ],
  },
  priority: { matrix: { everyone: { high: 'P1' }, '*': { '*': 'P3' } }, default: 'P3' },
  categorise: [
    { when: { in: [{ var: 'fields.service' }, ['vpn', 'email']] }, set: { category: 'network', queue: 'network' } },
    { when: true, set: { category: 'general', queue: 'first-line' } },
  ],
  sla: 'standard',
  escalations: [
    { when: { var: 'sla.resolution.breached' }, do: [{ notify: { template: 'sla-breach', to: ['queue.manager'] } }] },
  ],
  notifications: [{ on: 'ticket.created', template: 'ack-requester', to: ['requester'] }],
});

const errorsOf = (input: unknown): Problem[] => {
  const result = validateWorkflow(input, refs);
  return result.ok ? [] : result.errors;
};

/** `minimal()` changed by `change`. */
const broken = (change: (wf: Json) => void): Json => {
  const wf = minimal();
  change(wf);
  return wf;
};

describe('validateWorkflow', () => {
  it('accepts a valid workflow and applies defaults', () => {
    const result = validateWorkflow(minimal(), refs);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.definition.audience).toEqual(['requester']);
    expect(result.definition.priority.impactField).toBe('impact');
    expect(result.definition.priority.urgencyField).toBe('urgency');
  });

  it('accepts the smallest workflow: one field and a default queue', () => {
    const smallest = { id: 'x', name: { en: 'X' }, kind: 'request', form: { fields: [{ key: 'a', type: 'text' }] }, priority: { default: 'P4' }, sla: 'standard', defaultQueue: 'first-line' };
    expect(errorsOf(smallest)).toEqual([]);
  });

  test.each<[string, (wf: Json) => void, Problem]>([
    // References
    ['a queue that does not exist', (wf) => (wf.categorise[1].set.queue = 'ghost'), { path: 'categorise[1].set.queue', message: 'the queue "ghost" does not exist' }],
    ['a default queue that does not exist', (wf) => ((wf.categorise = []), (wf.defaultQueue = 'ghost')), { path: 'defaultQueue', message: 'the queue "ghost" does not exist' }],
    ['an SLA policy that does not exist', (wf) => (wf.sla = 'gold'), { path: 'sla', message: 'the SLA policy "gold" does not exist' }],
    ['a template that does not exist', (wf) => (wf.notifications[0].template = 'welcome'), { path: 'notifications[0].template', message: 'the template "welcome" does not exist' }],
    ['an escalation template that does not exist', (wf) => (wf.escalations[0].do[0].notify.template = 'nope'), { path: 'escalations[0].do[0].notify.template', message: 'the template "nope" does not exist' }],
    ['an escalation to a queue that does not exist', (wf) => wf.escalations[0].do.push({ setQueue: 'ghost' }), { path: 'escalations[0].do[1].setQueue', message: 'the queue "ghost" does not exist' }],
    ['a recipient that is not one', (wf) => wf.notifications[0].to.push('the boss'), { path: 'notifications[0].to[1]', message: '"the boss" is not a recipient: use requester, assignee, queue, queue.manager or an e-mail address' }],
    ['a title field the form lacks', (wf) => (wf.titleField = 'title'), { path: 'titleField', message: 'the form has no field "title"' }],
    ['no rule certain to set a queue', (wf) => wf.categorise.pop(), { path: 'categorise', message: 'no rule is sure to choose a queue: add a last rule with "when": true that sets a queue, or set "defaultQueue"' }],
    ['a "when": true rule that sets no queue', (wf) => (wf.categorise[1].set = { category: 'general' }), { path: 'categorise', message: expect.stringMatching(/^no rule is sure to choose a queue/) }],
    // Rules
    ['a rule reading a field the form lacks', (wf) => (wf.categorise[0].when = { '==': [{ var: 'fields.laptop' }, 'x'] }), { path: 'categorise[0].when.==[0].var', message: 'reads the field "laptop", which the form does not have' }],
    ['a "missing" naming a field the form lacks', (wf) => (wf.categorise[0].when = { missing: ['fields.summary', 'fields.nope'] }), { path: 'categorise[0].when.missing[1]', message: 'reads the field "nope", which the form does not have' }],
    ['a visibleWhen reading a field the form lacks', (wf) => (wf.form.fields[4].visibleWhen = { var: 'fields.kind' }), { path: 'form.fields[4].visibleWhen.var', message: 'reads the field "kind", which the form does not have' }],
    ['an unknown operator', (wf) => (wf.categorise[0].when = { log: 'x' }), { path: 'categorise[0].when', message: '"log" is not a rule operator this desk knows' }],
    ['an unknown operator nested', (wf) => (wf.categorise[0].when = { and: [true, { method: ['x', 'trim'] }] }), { path: 'categorise[0].when.and[1]', message: '"method" is not a rule operator this desk knows' }],
    ['a forbidden var name', (wf) => (wf.categorise[0].when = { var: 'fields.__proto__' }), { path: 'categorise[0].when.var', message: expect.stringMatching(/^"fields.__proto__" is not a readable name/) }],
    ['a var name with a space', (wf) => (wf.categorise[0].when = { var: 'fields.a b' }), { path: 'categorise[0].when.var', message: expect.stringMatching(/^"fields.a b" is not a readable name/) }],
    ['sla.* in a categorise rule', (wf) => (wf.categorise[0].when = { var: 'sla.resolution.breached' }), { path: 'categorise[0].when.var', message: 'SLA facts ("sla.…") are only known to escalation rules' }],
    ['sla.* in a visibleWhen', (wf) => (wf.form.fields[4].visibleWhen = { '!': { var: 'sla.response.breached' } }), { path: 'form.fields[4].visibleWhen.!.var', message: 'SLA facts ("sla.…") are only known to escalation rules' }],
    ['a ticket fact that does not exist', (wf) => (wf.categorise[0].when = { var: 'ticket.secret' }), { path: 'categorise[0].when.var', message: expect.stringMatching(/^"ticket.secret" is not something a rule can read/) }],
    ['a requester fact that does not exist', (wf) => (wf.categorise[0].when = { var: 'requester.password' }), { path: 'categorise[0].when.var', message: expect.stringMatching(/^"requester.password" is not something a rule can read/) }],
    ['a root that does not exist', (wf) => (wf.categorise[0].when = { var: 'env.HOME' }), { path: 'categorise[0].when.var', message: '"env.HOME" is not something a rule can read: names start with fields., ticket., requester.' }],
    ['an escalation reading a field the form lacks', (wf) => (wf.escalations[0].when = { var: 'fields.nope' }), { path: 'escalations[0].when.var', message: 'reads the field "nope", which the form does not have' }],
    ['a rule too deep', (wf) => (wf.categorise[0].when = JSON.parse('{"!":'.repeat(33) + 'true' + '}'.repeat(33))), { path: `categorise[0].when.${Array(33).fill('!').join('.')}`, message: 'the rule nests deeper than 32 levels' }],
    // Fields
    ['duplicate field keys', (wf) => wf.form.fields.push({ key: 'service', type: 'text' }), { path: 'form.fields[5].key', message: 'another field already uses the key "service"' }],
    ['options on a text field', (wf) => (wf.form.fields[0].options = ['a']), { path: 'form.fields[0].options', message: 'options only apply to select and multiselect fields, not text' }],
    ['a select without options', (wf) => delete wf.form.fields[1].options, { path: 'form.fields[1].options', message: 'a select field needs a list of options' }],
    ['min on a text field', (wf) => (wf.form.fields[0].min = 1), { path: 'form.fields[0].min', message: 'min and max only apply to number fields' }],
    ['max on a date field', (wf) => wf.form.fields.push({ key: 'when', type: 'date', max: 1 }), { path: 'form.fields[5].max', message: 'min and max only apply to number fields' }],
    ['min above max', (wf) => wf.form.fields.push({ key: 'count', type: 'number', min: 5, max: 1 }), { path: 'form.fields[5].min', message: 'min is greater than max' }],
    ['maxLength on a select', (wf) => (wf.form.fields[1].maxLength = 10), { path: 'form.fields[1].maxLength', message: 'maxLength only applies to text, textarea and email fields' }],
    ['a bad regex pattern', (wf) => (wf.form.fields[0].pattern = '([A-Z]'), { path: 'form.fields[0].pattern', message: '"([A-Z]" is not a valid regular expression' }],
    ['a pattern on a number', (wf) => wf.form.fields.push({ key: 'count', type: 'number', pattern: '\\d' }), { path: 'form.fields[5].pattern', message: 'pattern only applies to text, textarea and email fields' }],
    ['a default that is not an option', (wf) => (wf.form.fields[3].default = 'soon'), { path: 'form.fields[3].default', message: 'the default must be one of low, high' }],
    ['a default of the wrong type', (wf) => (wf.form.fields[0].default = 5), { path: 'form.fields[0].default', message: 'the default must be text' }],
    ['an invalid date default', (wf) => wf.form.fields.push({ key: 'when', type: 'date', default: '2026-02-30' }), { path: 'form.fields[5].default', message: 'the default is not a real date' }],
    // Priority matrix
    ['a matrix impact that is not an option', (wf) => (wf.priority.matrix.team = { high: 'P2' }), { path: 'priority.matrix.team', message: '"team" is not an option of the field "impact"' }],
    ['a matrix urgency that is not an option', (wf) => (wf.priority.matrix.everyone.soon = 'P2'), { path: 'priority.matrix.everyone.soon', message: '"soon" is not an option of the field "urgency"' }],
    ['a matrix urgency in the "*" row that is not an option', (wf) => (wf.priority.matrix['*'].medium = 'P2'), { path: 'priority.matrix.*.medium', message: '"medium" is not an option of the field "urgency"' }],
    ['a matrix whose impact field the form lacks', (wf) => ((wf.priority.impactField = 'scope'), (wf.priority.matrix = { wide: { '*': 'P2' } })), { path: 'priority.impactField', message: 'the form has no field "scope" for the matrix\'s impact' }],
    ['a matrix whose urgency field the form lacks', (wf) => ((wf.priority.urgencyField = 'when'), (wf.priority.matrix = { '*': { now: 'P2' } })), { path: 'priority.urgencyField', message: 'the form has no field "when" for the matrix\'s urgency' }],
    // Shape (zod)
    ['an unknown top-level key', (wf) => (wf.colour = 'blue'), { path: 'colour', message: '"colour" is not a setting here' }],
    ['an unknown key in a field', (wf) => (wf.form.fields[2].hint = 'x'), { path: 'form.fields[2].hint', message: '"hint" is not a setting here' }],
    ['an unknown key in a rule\'s set', (wf) => (wf.categorise[0].set.assignee = 'x'), { path: 'categorise[0].set.assignee', message: '"assignee" is not a setting here' }],
    ['an unknown kind', (wf) => (wf.kind = 'outage'), { path: 'kind', message: 'must be one of "incident", "request", "change", "problem"' }],
    ['an unknown field type', (wf) => (wf.form.fields[0].type = 'colour'), { path: 'form.fields[0].type', message: expect.stringMatching(/^must be one of "text"/) }],
    ['a missing sla', (wf) => delete wf.sla, { path: 'sla', message: 'is required' }],
    ['a bad slug', (wf) => (wf.id = 'IT Incident'), { path: 'id', message: 'use lower-case letters, digits and dashes (e.g. "first-line")' }],
    ['a bad field key', (wf) => (wf.form.fields[0].key = 'a-b'), { path: 'form.fields[0].key', message: 'a field key is letters, digits and underscores, not starting with a digit' }],
    ['a priority that does not exist', (wf) => (wf.priority.matrix.everyone.high = 'P0'), { path: 'priority.matrix.everyone.high', message: 'must be one of "P1", "P2", "P3", "P4"' }],
    ['no fields', (wf) => (wf.form.fields = []), { path: 'form.fields', message: 'needs at least 1 item(s)' }],
    ['a name without en', (wf) => (wf.name = { cy: 'Torri' }), { path: 'name.en', message: 'is required' }],
    ['a rule that is not a rule', (wf) => (wf.categorise[0].when = 'yes'), { path: 'categorise[0].when', message: 'does not match any of the accepted shapes' }],
  ])('reports %s', (_name, change, problem) => {
    expect(errorsOf(broken(change))).toEqual([problem]);
  });

  test.each<[string, unknown]>([
    ['sla.* in an escalation', { '>=': [{ var: 'sla.resolution.elapsedPct' }, 80] }],
    ['ticket facts', { and: [{ '==': [{ var: 'ticket.priority' }, 'P1'] }, { var: 'ticket.queue' }] }],
    ['requester facts', { in: ['vip', { var: 'requester.groups' }] }],
    ['item vars inside a map scope', { some: [{ var: 'requester.groups' }, { '==': [{ var: '' }, 'vip'] }] }],
  ])('accepts %s in an escalation rule', (_name, when) => {
    expect(errorsOf(broken((wf) => (wf.escalations[0].when = when)))).toEqual([]);
  });

  it('reports several problems at once, not only the first', () => {
    const wf = broken((w) => {
      w.form.fields.push({ key: 'summary', type: 'text', options: ['x'] });
      w.form.fields[0].pattern = '(';
      w.categorise[0].when = { and: [{ '==': [{ var: 'fields.laptop' }, 'x'] }, { log: 1 }, { var: 'sla.response.breached' }] };
      w.categorise[1].set.queue = 'ghost';
      w.sla = 'gold';
      w.notifications[0].template = 'welcome';
    });
    expect(errorsOf(wf).map((e) => e.path)).toEqual([
      'form.fields[0].pattern',
      'form.fields[5].key',
      'form.fields[5].options',
      'categorise[0].when.and[1]',
      'categorise[0].when.and[0].==[0].var',
      'categorise[0].when.and[2].var',
      'categorise[1].set.queue',
      'sla',
      'notifications[0].template',
    ]);
  });

  it('reports every shape problem at once', () => {
    const wf = broken((w) => {
      w.colour = 'blue';
      w.kind = 'outage';
      delete w.sla;
      w.form.fields[0].hint = 'x';
    });
    expect(errorsOf(wf).map((e) => e.path).sort()).toEqual(['colour', 'form.fields[0].hint', 'kind', 'sla']);
  });

  // zod 4 only includes `input` when parsing with `reportInput: true`; a value
  // of the wrong type must still not be reported as missing.
  test.each<[unknown]>([[null], ['workflow'], [[]], [42]])('refuses %j as a workflow: "must be an object"', (input) => {
    expect(errorsOf(input)).toEqual([{ path: '', message: 'must be an object' }]);
  });

  test.each<[string, (wf: Json) => void, Problem]>([
    ['a boolean setting given as text', (wf) => (wf.form.fields[0].required = 'yes'), { path: 'form.fields[0].required', message: 'must be a boolean' }],
    ['a list given as text', (wf) => (wf.categorise = 'none'), { path: 'categorise', message: 'must be a list' }],
    ['an object given as a list', (wf) => (wf.form = []), { path: 'form', message: 'must be an object' }],
  ])('says what type is wanted for %s (not "is required")', (_name, change, problem) => {
    expect(errorsOf(broken(change))).toEqual([problem]);
  });
});

describe('the shipped workflows', () => {
  const dir = new URL('../../../workflows/', import.meta.url);
  const readJson = (name: string): unknown => JSON.parse(readFileSync(new URL(name, dir), 'utf8'));
  const desk = deskSettings.parse(readJson('desk.json'));
  const templateNames = readdirSync(new URL('../../../templates/en/', import.meta.url))
    .filter((f) => f.endsWith('.hbs'))
    .map((f) => f.slice(0, -'.hbs'.length));
  const shipped: WorkflowReferences = {
    queues: new Set(desk.queues.map((q) => q.id)),
    slaPolicies: new Set(desk.slaPolicies.map((p) => p.id)),
    templates: new Set(templateNames),
  };
  const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'desk.json' && !f.endsWith('.schema.json'));

  it('has workflows, queues, an SLA policy and templates to check', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(shipped.queues.size).toBeGreaterThan(0);
    expect(shipped.slaPolicies.size).toBeGreaterThan(0);
    expect(templateNames.length).toBeGreaterThan(0);
  });

  test.each(files)('%s is valid against desk.json and templates/en', (file) => {
    const result = validateWorkflow(readJson(file), shipped);
    expect(result.ok ? [] : result.errors).toEqual([]);
    if (result.ok) expect(`${result.definition.id}.json`).toBe(file);
  });

  it('every desk queue belongs to a desk group', () => {
    const groups = new Set(desk.groups.map((g) => g.id));
    expect(desk.queues.filter((q) => !groups.has(q.group))).toEqual([]);
  });
});
