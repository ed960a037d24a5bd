import { describe, expect, it, test } from 'vitest';
import { isEmpty, optionValues, validateSubmission, visibleFields } from './form.ts';
import type { FormField } from './workflow/workflow.schema.ts';

const form = (...fields: FormField[]) => ({ form: { fields } });
/** A form with one field `x` of this shape. */
const one = (field: Omit<FormField, 'key'>) => form({ key: 'x', ...field });

describe('validateSubmission: values per field type', () => {
  test.each<[string, Omit<FormField, 'key'>, unknown]>([
    ['text', { type: 'text' }, 'hello'],
    ['text at its maxLength', { type: 'text', maxLength: 5 }, 'abcde'],
    ['text matching its pattern', { type: 'text', pattern: '^[A-Z]{2}-\\d{4}$' }, 'LT-0042'],
    ['text matching a unicode pattern', { type: 'text', pattern: '^\\p{Lu}' }, 'Élan'],
    ['textarea over several lines', { type: 'textarea' }, 'line one\nline two'],
    ['email', { type: 'email' }, 'sam@example.com'],
    ['number', { type: 'number' }, -3.5],
    ['number zero', { type: 'number' }, 0],
    ['number at min', { type: 'number', min: 1, max: 5 }, 1],
    ['number at max', { type: 'number', min: 1, max: 5 }, 5],
    ['date', { type: 'date' }, '2026-11-22'],
    ['date on a leap day', { type: 'date' }, '2024-02-29'],
    ['select', { type: 'select', options: ['vpn', 'email'] }, 'vpn'],
    ['select with labelled options', { type: 'select', options: [{ value: 'vpn', label: { en: 'VPN' } }] }, 'vpn'],
    ['multiselect', { type: 'multiselect', options: ['a', 'b', 'c'] }, ['a', 'c']],
    ['checkbox true', { type: 'checkbox' }, true],
    ['checkbox false', { type: 'checkbox' }, false],
    ['user', { type: 'user' }, 'sam@example.com'],
  ])('accepts %s', (_name, field, value) => {
    expect(validateSubmission(one(field), { x: value })).toEqual({ values: { x: value }, problems: [] });
  });

  test.each<[string, Omit<FormField, 'key'>, unknown, string]>([
    ['a number for text', { type: 'text' }, 42, 'must be text'],
    ['a list for textarea', { type: 'textarea' }, ['a'], 'must be text'],
    ['text over maxLength', { type: 'text', maxLength: 5 }, 'abcdef', 'must be at most 5 characters (it has 6)'],
    ['text not matching its pattern', { type: 'text', pattern: '^[A-Z]{2}-\\d{4}$' }, 'lt-0042', 'does not have the expected format (^[A-Z]{2}-\\d{4}$)'],
    ['text with no match of an unanchored pattern', { type: 'text', pattern: '\\d' }, 'abc', 'does not have the expected format (\\d)'],
    ['an e-mail without @', { type: 'email' }, 'sam.example.com', 'must be an e-mail address, like name@example.com'],
    ['an e-mail with a space', { type: 'email' }, 'sam jones@example.com', 'must be an e-mail address, like name@example.com'],
    ['an e-mail without a domain dot', { type: 'email' }, 'sam@localhost', 'must be an e-mail address, like name@example.com'],
    ['an e-mail over maxLength', { type: 'email', maxLength: 5 }, 'a@b.co', 'must be at most 5 characters (it has 6)'],
    ['a numeric string', { type: 'number' }, '5', 'must be a number'],
    ['NaN', { type: 'number' }, Number.NaN, 'must be a number'],
    ['Infinity', { type: 'number' }, Number.POSITIVE_INFINITY, 'must be a number'],
    ['a number below min', { type: 'number', min: 1 }, 0, 'must be at least 1'],
    ['a number above max', { type: 'number', max: 5 }, 5.5, 'must be at most 5'],
    ['30 February', { type: 'date' }, '2026-02-30', 'is not a real date'],
    ['29 February in a common year', { type: 'date' }, '2025-02-29', 'is not a real date'],
    ['month 13', { type: 'date' }, '2026-13-01', 'is not a real date'],
    ['day 00', { type: 'date' }, '2026-11-00', 'is not a real date'],
    ['a day-first date', { type: 'date' }, '22/11/2026', 'must be a date like 2026-11-22'],
    ['a date without leading zeros', { type: 'date' }, '2026-1-5', 'must be a date like 2026-11-22'],
    ['a date with a time', { type: 'date' }, '2026-11-22T10:00:00Z', 'must be a date like 2026-11-22'],
    ['a number for a date', { type: 'date' }, 20261122, 'must be a date like 2026-11-22'],
    ['a choice that is not offered', { type: 'select', options: ['vpn', 'email'] }, 'fax', 'must be one of vpn, email'],
    ['a list for a select', { type: 'select', options: ['vpn', 'email'] }, ['vpn'], 'must be one of vpn, email'],
    ['a label instead of a value', { type: 'select', options: [{ value: 'vpn', label: { en: 'VPN' } }] }, 'VPN', 'must be one of vpn'],
    ['one choice given as text to a multiselect', { type: 'multiselect', options: ['a', 'b'] }, 'a', 'must be a list of choices'],
    ['a multiselect choice not offered', { type: 'multiselect', options: ['a', 'b'] }, ['a', 'z', 3], 'has choices that are not offered: z, 3'],
    ['the same choice twice', { type: 'multiselect', options: ['a', 'b'] }, ['a', 'a'], 'lists the same choice twice'],
    ['"true" as text for a checkbox', { type: 'checkbox' }, 'true', 'must be true or false'],
    ['1 for a checkbox', { type: 'checkbox' }, 1, 'must be true or false'],
    ['a user name that is not an e-mail', { type: 'user' }, 'sam', "must be a person's e-mail address"],
    ['a number for a user', { type: 'user' }, 7, "must be a person's e-mail address"],
  ])('refuses %s', (_name, field, value, message) => {
    expect(validateSubmission(one(field), { x: value }).problems).toEqual([{ path: 'fields.x', message }]);
  });
});

describe('validateSubmission: required fields', () => {
  test.each<[string, Omit<FormField, 'key'>, Record<string, unknown>]>([
    ['missing', { type: 'text' }, {}],
    ['null', { type: 'text' }, { x: null }],
    ['empty text', { type: 'text' }, { x: '' }],
    ['blank text', { type: 'textarea' }, { x: '  \n ' }],
    ['an empty multiselect', { type: 'multiselect', options: ['a'] }, { x: [] }],
    ['an unticked required checkbox', { type: 'checkbox' }, { x: false }],
  ])('reports %s as required', (_name, field, input) => {
    expect(validateSubmission(one({ ...field, required: true }), input).problems).toEqual([
      { path: 'fields.x', message: 'is required' },
    ]);
  });

  test.each<[string, Omit<FormField, 'key'>, Record<string, unknown>]>([
    ['missing', { type: 'number' }, {}],
    ['null', { type: 'date' }, { x: null }],
    ['empty text', { type: 'email' }, { x: '' }],
    ['an empty multiselect', { type: 'multiselect', options: ['a'] }, { x: [] }],
  ])('accepts an optional field %s', (_name, field, input) => {
    expect(validateSubmission(one(field), input).problems).toEqual([]);
  });

  it('drops empty and null values from the result', () => {
    expect(validateSubmission(form({ key: 'a', type: 'text' }, { key: 'b', type: 'date' }), { a: '', b: null }).values).toEqual({});
  });
});

describe('validateSubmission: unknown fields and bad input', () => {
  it('refuses every field the form does not have, each at fields.<key>', () => {
    const result = validateSubmission(form({ key: 'summary', type: 'text' }), { summary: 'hi', nope: 1, 'a b': 2 });
    expect(result.problems).toEqual([
      { path: 'fields.nope', message: 'is not a field of this form' },
      { path: 'fields.a b', message: 'is not a field of this form' },
    ]);
    expect(result.values).toEqual({ summary: 'hi' });
  });

  test.each([null, 'text', 42, ['a']])('refuses %j as the whole submission at "fields"', (input) => {
    expect(validateSubmission(form({ key: 'a', type: 'text' }), input)).toEqual({
      values: {},
      problems: [{ path: 'fields', message: 'must be an object of field values' }],
    });
  });
});

describe('validateSubmission: defaults', () => {
  const urgency: FormField = { key: 'urgency', type: 'select', options: ['low', 'high'], default: 'low' };

  test.each<[string, Record<string, unknown>, unknown]>([
    ['absent', {}, 'low'],
    ['null', { urgency: null }, 'low'],
    ['empty', { urgency: '' }, 'low'],
    ['given', { urgency: 'high' }, 'high'],
  ])('applies the default when the value is %s', (_name, input, expected) => {
    expect(validateSubmission(form(urgency), input)).toEqual({ values: { urgency: expected }, problems: [] });
  });

  it('satisfies a required field with its default', () => {
    expect(validateSubmission(form({ ...urgency, required: true }), {}).problems).toEqual([]);
  });

  it('checks a default like any other value', () => {
    expect(validateSubmission(form({ ...urgency, default: 'soon' }), {}).problems).toEqual([
      { path: 'fields.urgency', message: 'must be one of low, high' },
    ]);
  });

  it('drops the default of a hidden field', () => {
    const hidden: FormField = { key: 'extra', type: 'text', default: 'x', visibleWhen: false };
    expect(validateSubmission(form(hidden), {}).values).toEqual({});
  });
});

describe('validateSubmission: visibleWhen', () => {
  const service: FormField = { key: 'service', type: 'select', required: true, options: ['vpn', 'printer'] };
  const printer: FormField = {
    key: 'printer_id',
    type: 'text',
    required: true,
    maxLength: 10,
    visibleWhen: { '==': [{ var: 'fields.service' }, 'printer'] },
  };
  const incident = form(service, printer);

  it('drops a hidden field and does not check or require it', () => {
    expect(validateSubmission(incident, { service: 'vpn', printer_id: 'far too long to be valid' })).toEqual({
      values: { service: 'vpn' },
      problems: [],
    });
    expect(validateSubmission(incident, { service: 'vpn' }).problems).toEqual([]);
  });

  it('requires and checks a visible field', () => {
    expect(validateSubmission(incident, { service: 'printer' }).problems).toEqual([
      { path: 'fields.printer_id', message: 'is required' },
    ]);
    expect(validateSubmission(incident, { service: 'printer', printer_id: 'PRN-2F-03' })).toEqual({
      values: { service: 'printer', printer_id: 'PRN-2F-03' },
      problems: [],
    });
  });

  it('lets a rule read the context (requester, ticket) beside the fields', () => {
    const onBehalf = form({ key: 'on_behalf_of', type: 'user', visibleWhen: { in: ['agent', { var: 'requester.roles' }] } });
    const input = { on_behalf_of: 'sam@example.com' };
    expect(validateSubmission(onBehalf, input, { requester: { roles: ['agent'] } }).values).toEqual(input);
    expect(validateSubmission(onBehalf, input, { requester: { roles: ['requester'] } }).values).toEqual({});
  });

  describe('a chain: A hides B, and B being shown shows C', () => {
    const chain = form(
      { key: 'a', type: 'checkbox' },
      { key: 'b', type: 'text', visibleWhen: { var: 'fields.a' } },
      { key: 'c', type: 'text', required: true, visibleWhen: { '==': [{ var: 'fields.b' }, 'show'] } },
    );

    it('hides C when B is hidden, even though B was given the value that shows C', () => {
      expect(validateSubmission(chain, { a: false, b: 'show', c: 'value' })).toEqual({ values: { a: false }, problems: [] });
      expect(validateSubmission(chain, { a: false, b: 'show' }).problems).toEqual([]);
    });

    it('shows and requires C when A shows B', () => {
      expect(validateSubmission(chain, { a: true, b: 'show' }).problems).toEqual([
        { path: 'fields.c', message: 'is required' },
      ]);
      expect(validateSubmission(chain, { a: true, b: 'show', c: 'value' }).values).toEqual({ a: true, b: 'show', c: 'value' });
    });

    it('reports the visible set', () => {
      expect([...visibleFields(chain, { a: false, b: 'show', c: 'v' }, {}).visible]).toEqual(['a']);
      expect([...visibleFields(chain, { a: true, b: 'show', c: 'v' }, {}).visible]).toEqual(['a', 'b', 'c']);
    });
  });

  // C is shown when B is empty. B is hidden (A is false), so B counts as empty
  // and C is visible: C's value must be kept. The engine prunes C in the first
  // round (B still had a value then) and never restores it, so it reports C
  // as required although it was given (a bug this test caught).
  it('keeps the value of a field that becomes visible once another is hidden', () => {
    const chain = form(
      { key: 'a', type: 'checkbox' },
      { key: 'b', type: 'text', visibleWhen: { var: 'fields.a' } },
      { key: 'c', type: 'text', required: true, visibleWhen: { '!': { var: 'fields.b' } } },
    );
    expect(validateSubmission(chain, { a: false, b: 'x', c: 'y' })).toEqual({ values: { a: false, c: 'y' }, problems: [] });
  });
});

describe('validateSubmission: field keys that are Object.prototype names', () => {
  // The field-key pattern allows "constructor" and "toString". validateSubmission
  // reads them from plain objects (`key in given`, `values[key]`), so it sees
  // Object.prototype's members unless lookups use own properties.
  it('does not treat an absent "constructor" field as given', () => {
    expect(validateSubmission(form({ key: 'constructor', type: 'text' }), {})).toEqual({ values: {}, problems: [] });
  });

  it('applies the default of a "toString" field', () => {
    expect(validateSubmission(form({ key: 'toString', type: 'text', default: 'd' }), {})).toEqual({
      values: { toString: 'd' },
      problems: [],
    });
  });

  it('requires an absent required "valueOf" field', () => {
    expect(validateSubmission(form({ key: 'valueOf', type: 'text', required: true }), {}).problems).toEqual([
      { path: 'fields.valueOf', message: 'is required' },
    ]);
  });
});

describe('validateSubmission: several problems at once', () => {
  it('reports every problem, unknown fields first, then in form order', () => {
    const f = form(
      { key: 'summary', type: 'text', required: true },
      { key: 'email', type: 'email' },
      { key: 'count', type: 'number', min: 1 },
      { key: 'when', type: 'date' },
    );
    const result = validateSubmission(f, { email: 'nope', count: 0, when: '2026-02-30', extra: true });
    expect(result.problems).toEqual([
      { path: 'fields.extra', message: 'is not a field of this form' },
      { path: 'fields.summary', message: 'is required' },
      { path: 'fields.email', message: 'must be an e-mail address, like name@example.com' },
      { path: 'fields.count', message: 'must be at least 1' },
      { path: 'fields.when', message: 'is not a real date' },
    ]);
  });
});

describe('helpers', () => {
  it('optionValues reads plain and labelled options', () => {
    expect(optionValues({ key: 'x', type: 'select', options: ['a', { value: 'b', label: { en: 'B' } }] })).toEqual(['a', 'b']);
    expect(optionValues({ key: 'x', type: 'text' })).toEqual([]);
  });

  test.each([
    [undefined, true],
    [null, true],
    ['', true],
    [' \t', true],
    [[], true],
    [0, false],
    [false, false],
    ['x', false],
    [['a'], false],
  ])('isEmpty(%j) is %s', (value, expected) => {
    expect(isEmpty(value)).toBe(expected);
  });
});
