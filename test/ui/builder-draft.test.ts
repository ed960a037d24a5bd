/**
 * The builder's logic that needs no browser: where each problem the desk
 * reports belongs (tab, row, part), that the starter workflow is one the
 * desk accepts, and that the edits the visual tabs make keep everything
 * else in the definition as it was.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateWorkflow } from '../../server/engine/workflow/validate-workflow.ts';
import { addressesOf, changeType, copyDraft, move, newField, previewFields, setText, starterDraft, withAddresses, withRecipient, writeOption, type Draft } from '../../ui/src/lib/builder/draft.ts';
import { countByTab, locate, rowRest } from '../../ui/src/lib/builder/error-paths.ts';
import { builderEn } from '../../ui/src/lib/i18n/builder/en.ts';
import { builderCy } from '../../ui/src/lib/i18n/builder/cy.ts';
import { builderRo } from '../../ui/src/lib/i18n/builder/ro.ts';
import { builderZhCN } from '../../ui/src/lib/i18n/builder/zh-CN.ts';

const references = {
  queues: new Set(['first-line', 'end-user-devices']),
  slaPolicies: new Set(['standard']),
  templates: new Set(['ack-requester']),
};

describe('where a problem the desk reports belongs', () => {
  it.each([
    ['form.fields[2].options', { tab: 'form', row: 2, part: 'options' }],
    ['form.fields[0].visibleWhen.==[0].var', { tab: 'form', row: 0, part: 'visibleWhen.==[0].var' }],
    ['form.fields[1]', { tab: 'form', row: 1, part: '' }],
    ['form.fields', { tab: 'form' }],
    ['categorise[0].set.queue', { tab: 'routing', row: 0, part: 'set.queue' }],
    ['categorise[3].when.in[0].var', { tab: 'routing', row: 3, part: 'when.in[0].var' }],
    ['categorise', { tab: 'routing' }],
    ['defaultQueue', { tab: 'routing' }],
    ['priority.default', { tab: 'routing' }],
    ['priority.matrix.city', { tab: 'priority' }],
    ['priority.matrix.everyone.high', { tab: 'priority' }],
    ['priority.impactField', { tab: 'priority' }],
    ['priority.urgencyField', { tab: 'priority' }],
    ['priority', { tab: 'routing' }],
    ['priority.matrixes', { tab: 'raw' }],
    ['sla', { tab: 'sla' }],
    ['notifications[1].to[0]', { tab: 'notifications', row: 1, part: 'to[0]' }],
    ['notifications[0].template', { tab: 'notifications', row: 0, part: 'template' }],
    ['name.en', { tab: 'details' }],
    ['titleField', { tab: 'details' }],
    ['escalations[1].do[0]', { tab: 'escalations', row: 1, part: 'do[0]' }],
    ['escalations[0].when.==[0].var', { tab: 'escalations', row: 0, part: 'when.==[0].var' }],
    ['escalations', { tab: 'escalations' }],
    ['lifecycle.transitions[2].when.var', { tab: 'lifecycle', row: 2, part: 'when.var' }],
    ['lifecycle.states', { tab: 'lifecycle' }],
    ['lifecycle.states[3].id', { tab: 'lifecycle', list: 'states', row: 3, part: 'id' }],
    ['lifecycle.states[0]', { tab: 'lifecycle', list: 'states', row: 0, part: '' }],
    ['lifecycle.transitions[1].from[0]', { tab: 'lifecycle', row: 1, part: 'from[0]' }],
    ['resolution.autoCloseDays', { tab: 'raw' }],
    ['colour', { tab: 'raw' }],
    ['', { tab: 'raw' }],
  ])('%s → %j', (path, place) => {
    expect(locate(path)).toEqual(place);
  });

  it('counts problems per tab and leaves to a row only what no control of it shows', () => {
    const problems = [
      { path: 'categorise[0].set.queue', message: 'the queue "printers" does not exist' },
      { path: 'categorise[0].when', message: '"log" is not a rule operator this desk knows' },
      { path: 'categorise[0].continue', message: 'must be true or false' },
      { path: 'sla', message: 'the SLA policy "gold" does not exist' },
    ];
    expect(countByTab(problems)).toMatchObject({ routing: 3, sla: 1, form: 0, raw: 0 });
    expect(rowRest(problems, 'categorise[0]', ['when', 'set.queue'])).toEqual([problems[2]]);
  });
});

describe('the draft as the builder edits it', () => {
  it('starts a blank workflow the desk accepts', () => {
    const draft = starterDraft({ id: 'new-starter', name: 'New starter', kind: 'request', queue: 'first-line', sla: 'standard', summaryLabel: 'Summary' });
    expect(validateWorkflow(draft, references).ok).toBe(true);
    draft.form!.fields!.push(newField('select', ['summary'], 'Choice'), newField('checkbox', ['summary', 'field_2'], 'Tick'));
    expect(draft.form!.fields!.map((f) => f.key)).toEqual(['summary', 'field_2', 'field_3']);
    expect(validateWorkflow(draft, references).ok).toBe(true);
  });

  it('copies a shipped workflow under a new id and name, keeping everything else', () => {
    const shipped = JSON.parse(readFileSync(new URL('../../workflows/it-incident.json', import.meta.url), 'utf8')) as Draft;
    const copy = copyDraft(shipped, { id: 'it-incident-2', name: 'Incident, second desk' });
    expect(copy).toEqual({ ...shipped, id: 'it-incident-2', name: { en: 'Incident, second desk' } });
    expect(shipped.id).toBe('it-incident');
  });

  it('sets one language of a text, keeping the others, and drops a text left empty', () => {
    const field: Record<string, unknown> = { key: 'x', label: { en: 'Laptop', 'zh-CN': '笔记本电脑' } };
    setText(field, 'label', 'cy', 'Gliniadur');
    expect(field.label).toEqual({ en: 'Laptop', 'zh-CN': '笔记本电脑', cy: 'Gliniadur' });
    setText(field, 'help', 'en', '');
    expect('help' in field).toBe(false);
    setText(field, 'label', 'en', '');
    setText(field, 'label', 'cy', '');
    setText(field, 'label', 'zh-CN', '');
    expect('label' in field).toBe(false);
  });

  it('writes options as strings until they have a label, keeping other keys of option objects', () => {
    expect(writeOption('vpn', 'vpn', {})).toBe('vpn');
    expect(writeOption('vpn', 'vpn', { en: 'VPN' })).toEqual({ value: 'vpn', label: { en: 'VPN' } });
    expect(writeOption({ value: 'a', label: { en: 'A' }, icon: 'x' }, 'b', { en: 'B' })).toEqual({ value: 'b', label: { en: 'B' }, icon: 'x' });
  });

  it('drops what a field cannot have once its type changes', () => {
    const field = { key: 'n', type: 'number', min: 1, max: 5, default: 3 };
    changeType(field, 'select');
    expect(field).toEqual({ key: 'n', type: 'select', options: [{ value: 'option-1', label: { en: 'Option 1' } }] });
  });

  it('moves rows in place', () => {
    const list = ['a', 'b', 'c'];
    move(list, 0, 2);
    expect(list).toEqual(['b', 'c', 'a']);
    move(list, 2, 5);
    expect(list).toEqual(['b', 'c', 'a']);
  });

  it('gives the portal form only what it can draw while an admin is half-way through', () => {
    const fields = [
      { key: 'a', type: 'select', options: ['x', 'x', { value: 'y' }, 7, { value: 'z', label: { en: 'Z' } }], label: 'not text' },
      { key: 3, type: 'text' },
      null,
    ];
    expect(previewFields(fields)).toEqual([{ key: 'a', type: 'select', options: ['x', { value: 'y', label: { en: 'y' } }, { value: 'z', label: { en: 'Z' } }] }]);
  });
});

describe("the builder's words", () => {
  it.each([
    ['cy', builderCy],
    ['zh-CN', builderZhCN],
    ['ro', builderRo],
  ])('are translated into %s, with the same placeholders', (_locale, messages) => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const same = Object.keys(builderEn).filter((k) => messages[k as keyof typeof builderEn] === builderEn[k as keyof typeof builderEn]);
    // Only codes and names that read the same in every language.
    expect(same.every((k) => /^(tab\.sla|history\.vN|kind\.incident|type\.user|field\.label|kind\.problem|desk\.role\.(agent|specialist|manager))$/.test(k))).toBe(true);
    for (const [key, text] of Object.entries(builderEn)) expect(placeholders(messages[key as keyof typeof builderEn]), key).toEqual(placeholders(text));
  });
});

describe('who a message goes to', () => {
  it('ticks a named recipient in the usual order and keeps the addresses after them', () => {
    const to = ['someone@example.com', 'assignee'];
    expect(withRecipient(to, 'requester', true)).toEqual(['requester', 'assignee', 'someone@example.com']);
    expect(withRecipient(to, 'assignee', false)).toEqual(['someone@example.com']);
    expect(withRecipient(undefined, 'queue.manager', true)).toEqual(['queue.manager']);
  });
  it('replaces the addresses with those typed, keeping the named recipients', () => {
    const to = ['requester', 'old@example.com'];
    expect(withAddresses(to, ' a@example.com, b@example.com;c@example.com ')).toEqual(['requester', 'a@example.com', 'b@example.com', 'c@example.com']);
    expect(withAddresses(to, '')).toEqual(['requester']);
    expect(addressesOf(['queue', 'a@example.com', 'b@example.com'])).toBe('a@example.com, b@example.com');
  });
});
