/**
 * The visual condition editor's model: a rule it shows is written back
 * exactly as it was read, and a rule it cannot show is reported as such
 * (and so stays JSON, untouched). Every rule of every shipped workflow is
 * either shown or left alone; random trees write rules that read back as
 * the same tree; random rules either round-trip exactly or are refused.
 * Also the Escalations tab's edits of a rule's timer and actions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { requesterFacts, ticketFacts } from '../../server/engine/workflow/validate-workflow.ts';
import { slaStates as serverSlaStates } from '../../server/engine/tickets/ticket.schema.ts';
import {
  newGroup,
  newRow,
  parseCondition,
  removeNode,
  rowOperators,
  writeCondition,
  type Condition,
  type ConditionNode,
  type RowOperator,
} from '../../ui/src/lib/builder/conditions/condition-model.ts';
import { choiceOf, factsFor, operatorsFor, requesterFactNames, slaStates, startValue, ticketFactNames } from '../../ui/src/lib/builder/conditions/facts.ts';
import type { DraftField } from '../../ui/src/lib/builder/draft.ts';
import { actionKind, actionKinds, newAction, setClock, setTiming, timingOf, type DraftEscalation } from '../../ui/src/lib/builder/escalations.ts';
import { escalationAction } from '../../server/engine/workflow/workflow.schema.ts';

/** Every rule in a workflow file, with where it lives and what "always" is written as there. */
function rulesOf(wf: Record<string, any>): { at: string; rule: unknown; always: true | undefined }[] {
  const out: { at: string; rule: unknown; always: true | undefined }[] = [];
  wf.form.fields.forEach((f: any, i: number) => out.push({ at: `form.fields[${i}].visibleWhen`, rule: f.visibleWhen, always: undefined }));
  (wf.categorise ?? []).forEach((r: any, i: number) => out.push({ at: `categorise[${i}].when`, rule: r.when, always: true }));
  (wf.escalations ?? []).forEach((r: any, i: number) => out.push({ at: `escalations[${i}].when`, rule: r.when, always: undefined }));
  (wf.lifecycle?.transitions ?? []).forEach((r: any, i: number) => out.push({ at: `lifecycle.transitions[${i}].when`, rule: r.when, always: undefined }));
  return out;
}

const shipped = readdirSync('workflows')
  .filter((f) => f.endsWith('.json') && !f.includes('schema') && f !== 'desk.json')
  .flatMap((file) => rulesOf(JSON.parse(readFileSync(`workflows/${file}`, 'utf8'))).map((r) => ({ file, ...r })));

const strip = (c: Condition): unknown => JSON.parse(JSON.stringify(c, (k, v) => (k === 'id' || k === 'wrapped' ? undefined : v)));

describe('the rules of the shipped workflows', () => {
  it('has rules to check', () => {
    expect(shipped.length).toBeGreaterThan(20);
  });

  it.each(shipped.map((r) => [`${r.file} ${r.at}`, r] as const))('%s: shown and written back exactly, or left as JSON', (_, r) => {
    const parsed = parseCondition(r.rule, r.always);
    const before = JSON.stringify(r.rule);
    if (parsed.ok) expect(writeCondition(parsed.condition)).toEqual(r.rule);
    expect(JSON.stringify(r.rule)).toBe(before);
  });

  it('shows every categorise and visibility rule of the shipped workflows visually', () => {
    const shown = shipped.filter((r) => !r.at.startsWith('escalations')).map((r) => parseCondition(r.rule, r.always).ok);
    expect(shown.every(Boolean)).toBe(true);
  });
});

describe('reading a rule', () => {
  it('reads rows of every operator with its own json-logic form', () => {
    const rule = {
      and: [
        { '==': [{ var: 'fields.needs_laptop' }, true] },
        { in: [{ var: 'fields.urgency' }, ['high', 'critical']] },
        { in: ['vpn', { var: 'fields.summary' }] },
        { '>=': [{ var: 'sla.resolution.elapsedPct' }, 80] },
        { var: 'sla.resolution.breached' },
        { '!': { var: 'fields.details' } },
        { '!': { or: [{ '!=': [{ var: 'ticket.assignee' }, null] }] } },
      ],
    };
    const parsed = parseCondition(rule, true);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(strip(parsed.condition)).toEqual({
      always: true,
      root: {
        kind: 'group',
        join: 'and',
        children: [
          { kind: 'row', variable: 'fields.needs_laptop', op: '==', value: true },
          { kind: 'row', variable: 'fields.urgency', op: 'in', value: ['high', 'critical'] },
          { kind: 'row', variable: 'fields.summary', op: 'contains', value: 'vpn' },
          { kind: 'row', variable: 'sla.resolution.elapsedPct', op: '>=', value: 80 },
          { kind: 'row', variable: 'sla.resolution.breached', op: 'truthy', value: null },
          { kind: 'row', variable: 'fields.details', op: 'falsy', value: null },
          { kind: 'group', join: 'none', children: [{ kind: 'row', variable: 'ticket.assignee', op: '!=', value: null }] },
        ],
      },
    });
    expect(writeCondition(parsed.condition)).toEqual(rule);
  });

  it.each([
    ['a var with a fallback', { '==': [{ var: ['fields.service', 'vpn'] }, 'vpn'] }],
    ['arithmetic', { '>': [{ '+': [{ var: 'fields.a' }, 1] }, 3] }],
    ['a value on the left', { '==': ['vpn', { var: 'fields.service' }] }],
    ['strict equality', { '===': [{ var: 'fields.service' }, 'vpn'] }],
    ['a between', { '<': [1, { var: 'fields.n' }, 5] }],
    ['an empty group', { and: [] }],
    ['a double negation', { '!!': { var: 'fields.service' } }],
    ['a negation in a list', { '!': [{ var: 'fields.service' }] }],
    ['a negated row', { '!': { '==': [{ var: 'fields.service' }, 'vpn'] } }],
    ['an object value', { '==': [{ var: 'fields.service' }, { a: 1 }] }],
    ['two operators', { '==': [{ var: 'fields.a' }, 1], '!=': [{ var: 'fields.b' }, 2] }],
    ['an if', { if: [{ var: 'fields.a' }, true, false] }],
    ['an unreadable name', { var: 'fields.__proto__' }],
    ['a list operator', { some: [{ var: 'requester.groups' }, { '==': [{ var: '' }, 'x'] }] }],
    ['false', false],
    ['a number', 3],
  ])('leaves %s as JSON', (_, rule) => {
    expect(parseCondition(rule, true).ok).toBe(false);
  });

  it('keeps "always" as it was written: true, or absent', () => {
    const t = parseCondition(true, undefined);
    const u = parseCondition(undefined, true);
    expect(t.ok && writeCondition(t.condition)).toBe(true);
    expect(u.ok && u.condition.root.children.length === 0 && writeCondition(u.condition)).toBe(undefined);
  });

  it('keeps a group of one row as it was written, wrapped or bare', () => {
    for (const rule of [{ and: [{ var: 'fields.a' }] }, { var: 'fields.a' }, { or: [{ and: [{ var: 'fields.a' }] }] }]) {
      const parsed = parseCondition(rule, true);
      expect(parsed.ok && writeCondition(parsed.condition)).toEqual(rule);
    }
  });
});

describe('editing a condition', () => {
  it('writes rows added to an empty condition as a bare row, then as a group; removing the last row is "always"', () => {
    const parsed = parseCondition(true, true);
    if (!parsed.ok) throw new Error('true is representable');
    const c = parsed.condition;
    const laptop = newRow('fields.needs_laptop', '==', true);
    c.root.children.push(laptop);
    expect(writeCondition(c)).toEqual({ '==': [{ var: 'fields.needs_laptop' }, true] });
    const nested = newGroup('or', [newRow('fields.urgency', 'in', ['high', 'critical'])]);
    c.root.children.push(nested);
    expect(writeCondition(c)).toEqual({ and: [{ '==': [{ var: 'fields.needs_laptop' }, true] }, { or: [{ in: [{ var: 'fields.urgency' }, ['high', 'critical']] }] }] });
    // The nested group's only row goes, and the group with it.
    removeNode(c.root, nested.children[0]!.id);
    expect(c.root.children).toHaveLength(1);
    removeNode(c.root, laptop.id);
    expect(writeCondition(c)).toBe(true);
  });

  it('offers operators that fit the fact, and finds a row read from JSON among them', () => {
    expect(operatorsFor.checkbox.map((c) => c.id)).toEqual(['==:true', '!=:true']);
    expect(operatorsFor.number.map((c) => c.op)).toEqual(['==', '!=', '<', '<=', '>', '>=']);
    expect(choiceOf('checkbox', '==', true).id).toBe('==:true');
    expect(choiceOf('choice', '==', 'high').id).toBe('==');
    expect(choiceOf('person', '!=', null).id).toBe('!=:null');
    expect(choiceOf('text', '<', 3).id).toBe('<');
  });

  it('lists the form fields with their options, the ticket and requester facts, and SLA facts only for escalations', () => {
    const fields: DraftField[] = [
      { key: 'needs_laptop', type: 'checkbox', label: { en: 'Needs a laptop' } },
      { key: 'urgency', type: 'select', options: ['low', { value: 'high', label: { en: 'High' } }] },
    ];
    const sources = { fields, queues: [{ id: 'network', name: { en: 'Network' } }], groups: [], states: ['new', 'open'], roles: ['agent'], locales: ['en', 'cy'] };
    const esc = factsFor('escalation', sources);
    expect(esc.find((f) => f.variable === 'fields.urgency')).toMatchObject({ kind: 'choice', options: [{ value: 'low' }, { value: 'high', label: { en: 'High' } }] });
    expect(esc.find((f) => f.variable === 'ticket.urgency')?.kind).toBe('choice');
    expect(esc.find((f) => f.variable === 'ticket.queue')?.options).toEqual([{ value: 'network', label: { en: 'Network' } }]);
    expect(esc.some((f) => f.variable === 'sla.resolution.elapsedPct')).toBe(true);
    expect(factsFor('categorise', sources).some((f) => f.source === 'sla')).toBe(false);
    expect(factsFor('visibleWhen', sources).filter((f) => f.source === 'ticket').map((f) => f.variable)).toEqual(['ticket.kind', 'ticket.workflow']);
    expect(startValue(esc.find((f) => f.variable === 'fields.urgency'), operatorsFor.choice[0]!)).toBe('low');
  });

  it('names the same facts as the desk', () => {
    expect([...ticketFactNames]).toEqual([...ticketFacts]);
    expect([...requesterFactNames]).toEqual([...requesterFacts]);
    expect([...slaStates]).toEqual([...serverSlaStates]);
  });
});

// Random trees over a few facts and values: what they write reads back as the same tree, and means the same to json-logic.
const scalar = fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: -50, max: 50 }), fc.boolean(), fc.constant(null));
const variable = fc.constantFrom('fields.a', 'fields.b_2', 'ticket.priority', 'requester.groups', 'sla.resolution.elapsedPct');
const row = fc
  .tuple(variable, fc.constantFrom<RowOperator>(...rowOperators), scalar, fc.array(scalar, { maxLength: 3 }), fc.oneof(fc.string({ maxLength: 4 }), fc.integer()))
  .map(([v, op, s, list, needle]) => newRow(v, op, op === 'in' ? list : op === 'contains' ? needle : op === 'truthy' || op === 'falsy' ? null : s));
const { node } = fc.letrec<{ node: ConditionNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    row,
    fc.tuple(fc.constantFrom('and' as const, 'or' as const, 'none' as const), fc.array(tie('node'), { minLength: 2, maxLength: 3 })).map(([join, children]) => newGroup(join, children)),
  ),
}));
const tree = fc.tuple(fc.constantFrom('and' as const, 'or' as const), fc.array(node, { maxLength: 4 })).map(([join, children]): Condition => ({ root: newGroup(join, children), always: true }));

describe('round trips (property)', () => {
  it('a tree writes a rule that reads back as the same rule and tree', () => {
    fc.assert(
      fc.property(tree, (c) => {
        const rule = writeCondition(c);
        const parsed = parseCondition(rule, true);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        expect(writeCondition(parsed.condition)).toEqual(rule);
        // A root of one row is written bare and read back as that row, so compare what each means.
        const data = { fields: { a: 'x', b_2: 3 }, ticket: { priority: 'P1' }, requester: { groups: ['x'] }, sla: { resolution: { elapsedPct: 81 } } };
        expect(jsonLogic.apply(rule as jsonLogic.RulesLogic, data)).toEqual(jsonLogic.apply(writeCondition(parsed.condition) as jsonLogic.RulesLogic, data));
      }),
      { numRuns: 300 },
    );
  });

  it('any rule either round-trips exactly or is refused, and is never changed', () => {
    const json = fc.letrec<{ v: unknown }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        scalar,
        fc.record({ var: fc.oneof(variable, fc.tuple(variable, scalar)) }),
        fc.array(tie('v'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom('and', 'or', '!', '==', '<', 'in', '+', 'var', 'if'), tie('v'), { minKeys: 1, maxKeys: 2 }),
      ),
    }));
    fc.assert(
      fc.property(json.v, (rule) => {
        const before = JSON.stringify(rule);
        const parsed = parseCondition(rule, true);
        if (parsed.ok) expect(writeCondition(parsed.condition)).toEqual(rule === undefined ? undefined : rule);
        expect(JSON.stringify(rule)).toBe(before);
      }),
      { numRuns: 500 },
    );
  });
});

describe('escalation rules as the Escalations tab edits them', () => {
  const desk = { templates: ['sla-breach', 'sla-warning'], queues: [{ id: 'network' }] };

  it('starts actions that the desk accepts as they are, for the kinds with an obvious choice', () => {
    for (const kind of ['notify', 'setQueue', 'setPriority'] as const) {
      expect(escalationAction.safeParse(newAction(kind, desk)).success, kind).toBe(true);
    }
    expect(newAction('notify', desk)).toEqual({ notify: { template: 'sla-warning', to: ['queue.manager'] } });
    expect(actionKinds.map((k) => actionKind(newAction(k, desk)))).toEqual([...actionKinds]);
  });

  it('shows only one-key actions it knows; anything else stays JSON', () => {
    expect(actionKind({ setQueue: 'network' })).toBe('setQueue');
    expect(actionKind({ setQueue: 'network', note: 'x' })).toBeNull();
    expect(actionKind({ page: 'x' })).toBeNull();
    expect(actionKind(['note'])).toBeNull();
  });

  it('keeps one of percent and offsetMinutes, and removes the timer when there is no clock', () => {
    const rule: DraftEscalation = { at: { clock: 'resolution' }, do: [] };
    expect(timingOf(rule.at)).toBe('due');
    setTiming(rule, 'percent', 80);
    expect(rule.at).toEqual({ clock: 'resolution', percent: 80 });
    setTiming(rule, 'offset', -30);
    expect(rule.at).toEqual({ clock: 'resolution', offsetMinutes: -30 });
    setTiming(rule, 'due');
    expect(rule.at).toEqual({ clock: 'resolution' });
    setClock(rule, 'response');
    expect(rule.at).toEqual({ clock: 'response' });
    setClock(rule, '');
    expect(rule).toEqual({ do: [] });
    setClock(rule, 'resolution');
    expect(rule.at).toEqual({ clock: 'resolution', percent: 80 });
  });
});
