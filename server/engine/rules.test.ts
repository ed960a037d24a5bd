import { describe, expect, it, test } from 'vitest';
import { formatPath } from './problems.ts';
import {
  allowedOperators,
  evaluateRule,
  inspectRule,
  isTruthy,
  maxRuleDepth,
  maxRuleNodes,
  nullPrototypeCopy,
} from './rules.ts';

/** The problems of a rule as `[path, message]`, paths formatted as an admin sees them. */
const problemsOf = (rule: unknown) => inspectRule(rule).problems.map((p) => [formatPath(p.path), p.message]);
const varsOf = (rule: unknown) => inspectRule(rule).vars.map((v) => [formatPath(v.path), v.name]);

/** `{"!": {"!": … true}}`, `levels` operators deep. */
const nested = (levels: number): unknown => {
  let rule: unknown = true;
  for (let i = 0; i < levels; i++) rule = { '!': rule };
  return rule;
};

describe('inspectRule: operators', () => {
  test.each(['==', 'and', 'in', 'missing_some', 'map', 'reduce', 'substr', 'merge'])('"%s" is allowed', (op) => {
    expect(allowedOperators.has(op)).toBe(true);
  });

  test.each([
    ['log', { log: 'x' }, ''],
    ['method', { method: [{ var: 'fields.a' }, 'toUpperCase'] }, ''],
    ['an unknown name', { eval: '1' }, ''],
    ['__proto__ as an operator', JSON.parse('{"__proto__": [1]}'), ''],
    ['log nested in "and"', { and: [true, { log: 'x' }] }, 'and[1]'],
    ['log nested in "if"', { if: [true, { '==': [1, { log: 1 }] }, false] }, 'if[1].==[1]'],
  ])('refuses %s', (_name, rule, path) => {
    const problems = inspectRule(rule).problems;
    expect(problems).toHaveLength(1);
    expect(formatPath(problems[0]!.path)).toBe(path);
    expect(problems[0]!.message).toMatch(/is not a rule operator this desk knows/);
  });

  test.each([
    [{}, 'a rule object must have exactly one operator, found none'],
    [{ '==': [1, 1], '!=': [1, 2] }, 'a rule object must have exactly one operator, found "==", "!="'],
  ])('refuses an object without exactly one operator: %j', (rule, message) => {
    expect(problemsOf(rule)).toEqual([['', message]]);
  });

  test.each([true, false, 1, 'text', null, [1, 2]])('accepts the literal %j', (rule) => {
    expect(problemsOf(rule)).toEqual([]);
  });
});

describe('inspectRule: var paths', () => {
  test.each(['fields.service', 'ticket.priority', 'requester.groups', 'sla.resolution.elapsedPct', 'fields.list.0', '_x'])(
    'accepts "%s"',
    (name) => {
      expect(problemsOf({ var: name })).toEqual([]);
      expect(varsOf({ var: name })).toEqual([['var', name]]);
    },
  );

  test.each([
    '__proto__',
    'constructor',
    'prototype',
    'fields.__proto__',
    'fields.constructor',
    'ticket.prototype',
    'fields.service.constructor.name',
    'fields.a b',
    'fields..a',
    'fields.a-b',
    '.fields',
    'fields.',
    '1fields',
    'fields[0]',
  ])('refuses "%s" at the var', (name) => {
    const problems = problemsOf({ '==': [{ var: name }, 1] });
    expect(problems).toEqual([['==[0].var', expect.stringContaining(`"${name}" is not a readable name`)]]);
    expect(varsOf({ '==': [{ var: name }, 1] })).toEqual([]);
  });

  it('checks the name in the [name, default] form, and the default itself', () => {
    expect(problemsOf({ var: ['constructor', 1] })).toEqual([['var', expect.stringContaining('"constructor"')]]);
    expect(varsOf({ var: ['fields.a', { var: 'fields.b' }] })).toEqual([
      ['var', 'fields.a'],
      ['var[1].var', 'fields.b'],
    ]);
  });

  it('refuses a var that does not name anything readable', () => {
    expect(problemsOf({ var: { a: 1 } })).toEqual([['var', 'a "var" must name a field, e.g. "fields.service"']]);
  });

  it('accepts the empty var (the whole data, used inside map and filter)', () => {
    expect(problemsOf({ var: '' })).toEqual([]);
    expect(varsOf({ var: '' })).toEqual([]);
  });

  test.each([
    [{ missing: ['fields.a', '__proto__'] }, 'missing[1]'],
    [{ missing: ['fields.a', 'fields.a b'] }, 'missing[1]'],
    [{ missing_some: [1, ['fields.a', 'constructor']] }, 'missing_some[1][1]'],
  ])('checks the names "missing" reads: %j', (rule, path) => {
    expect(problemsOf(rule)).toEqual([[path, expect.stringContaining('is not a readable name')]]);
  });
});

describe('inspectRule: size and depth caps', () => {
  it(`accepts ${maxRuleDepth} levels of nesting`, () => {
    expect(problemsOf(nested(maxRuleDepth))).toEqual([]);
  });

  it('refuses one level more, at the part that is too deep', () => {
    expect(problemsOf(nested(maxRuleDepth + 1))).toEqual([
      [Array(maxRuleDepth + 1).fill('!').join('.'), `the rule nests deeper than ${maxRuleDepth} levels`],
    ]);
  });

  it(`accepts ${maxRuleNodes} parts`, () => {
    expect(problemsOf({ and: Array(maxRuleNodes - 1).fill(true) })).toEqual([]);
  });

  test.each([maxRuleNodes, maxRuleNodes * 5])('refuses a rule of %i + 1 parts with one problem', (items) => {
    expect(problemsOf({ and: Array(items).fill(true) })).toEqual([
      ['', `the rule is too large (more than ${maxRuleNodes} parts)`],
    ]);
  });
});

describe('inspectRule: the data a rule reads', () => {
  it('collects every var and missing name with its path', () => {
    const rule = {
      and: [
        { '==': [{ var: 'fields.service' }, 'vpn'] },
        { missing: ['fields.details'] },
        { missing_some: [1, ['fields.a', 'fields.b']] },
        { in: ['agent', { var: 'requester.roles' }] },
      ],
    };
    expect(varsOf(rule)).toEqual([
      ['and[0].==[0].var', 'fields.service'],
      ['and[1].missing[0]', 'fields.details'],
      ['and[2].missing_some[1][0]', 'fields.a'],
      ['and[2].missing_some[1][1]', 'fields.b'],
      ['and[3].in[1].var', 'requester.roles'],
    ]);
  });

  test.each(['map', 'filter', 'all', 'some', 'none'])(
    'collects the list of "%s" but not the vars inside its scope',
    (op) => {
      const rule = { [op]: [{ var: 'fields.list' }, { '==': [{ var: 'name' }, { var: 'fields.other' }] }] };
      expect(varsOf(rule)).toEqual([[`${op}[0].var`, 'fields.list']]);
      expect(problemsOf(rule)).toEqual([]);
    },
  );

  it('still refuses a forbidden name inside a scope', () => {
    expect(problemsOf({ map: [{ var: 'fields.list' }, { var: 'constructor' }] })).toEqual([
      ['map[1].var', expect.stringContaining('"constructor" is not a readable name')],
    ]);
  });

  // json-logic evaluates reduce's third argument (the initial value) against the
  // outer data, not the item scope, so the field it reads must be collected.
  it('collects the var in the initial value of "reduce" (evaluated outside the scope)', () => {
    const rule = { reduce: [{ var: 'fields.list' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }, { var: 'fields.start' }] };
    expect(varsOf(rule)).toEqual([
      ['reduce[0].var', 'fields.list'],
      ['reduce[2].var', 'fields.start'],
    ]);
  });
});

describe('evaluateRule', () => {
  test.each([
    [{ var: '__proto__' }, {}],
    [{ var: 'constructor' }, {}],
    [{ var: 'toString' }, {}],
    [{ var: 'hasOwnProperty' }, { a: 1 }],
    [{ var: 'fields.__proto__' }, { fields: {} }],
    [{ var: 'fields.constructor' }, { fields: { a: 'x' } }],
    [{ var: 'fields.a.constructor' }, { fields: { a: {} } }],
  ])('%j reads nothing from the prototype', (rule, data) => {
    const value = evaluateRule(rule, data);
    expect(value).toBeNull();
    expect(value).not.toBe(Object.prototype);
    expect(value).not.toBe(Object);
  });

  it('reports prototype names as missing', () => {
    expect(evaluateRule({ missing: ['toString'] }, {})).toEqual(['toString']);
    expect(evaluateRule({ missing: ['constructor', 'fields.a', 'fields.b'] }, { fields: { a: 1 } })).toEqual([
      'constructor',
      'fields.b',
    ]);
  });

  it('does not let a "__proto__" key in the data act as a prototype', () => {
    const data = JSON.parse('{"__proto__": {"polluted": true}, "fields": {}}') as unknown;
    expect(evaluateRule({ var: 'polluted' }, data)).toBeNull();
    expect(evaluateRule({ var: '__proto__.polluted' }, data)).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  test.each([
    [{ '==': [{ var: 'fields.service' }, 'vpn'] }, true],
    [{ in: [{ var: 'fields.service' }, ['vpn', 'email']] }, true],
    [{ '>=': [{ var: 'fields.count' }, 3] }, true],
    [{ filter: [{ var: 'fields.tags' }, { '==': [{ var: '' }, 'b'] }] }, ['b']],
    [{ reduce: [{ var: 'fields.tags' }, { cat: [{ var: 'accumulator' }, { var: 'current' }] }, ''] }, 'abc'],
    [{ var: 'fields.when' }, '2026-11-22T10:00:00.000Z'],
    [{ var: ['fields.nothing', 'fallback'] }, 'fallback'],
  ])('%j evaluates to %j', (rule, expected) => {
    const data = { fields: { service: 'vpn', count: 3, tags: ['a', 'b', 'c'], when: new Date('2026-11-22T10:00:00Z') } };
    expect(evaluateRule(rule, data)).toEqual(expected);
  });

  test.each([true, false])('returns the boolean rule %s as it is', (rule) => {
    expect(evaluateRule(rule, {})).toBe(rule);
  });

  it('evaluates against a prepared copy as given', () => {
    const data = nullPrototypeCopy({ fields: { a: 2 } });
    expect(evaluateRule({ '+': [{ var: 'fields.a' }, 1] }, data, { prepared: true })).toBe(3);
  });
});

describe('nullPrototypeCopy', () => {
  it('copies nested objects without prototypes, keeps arrays and turns dates into ISO text', () => {
    const source = { a: { b: [{ c: 1 }] }, d: new Date('2026-01-02T03:04:05Z') };
    const copy = nullPrototypeCopy(source) as { a: { b: { c: number }[] }; d: unknown };
    expect(Object.getPrototypeOf(copy)).toBeNull();
    expect(Object.getPrototypeOf(copy.a)).toBeNull();
    expect(Array.isArray(copy.a.b)).toBe(true);
    expect(Object.getPrototypeOf(copy.a.b[0])).toBeNull();
    expect(copy.a.b[0]!.c).toBe(1);
    expect(copy.d).toBe('2026-01-02T03:04:05.000Z');
    expect(copy.a).not.toBe(source.a);
  });
});

describe('isTruthy', () => {
  test.each([
    [[], false],
    [[0], true],
    [0, false],
    ['', false],
    ['0', true],
    [null, false],
    [{}, true],
  ])('%j is %s', (value, expected) => {
    expect(isTruthy(value)).toBe(expected);
  });
});
