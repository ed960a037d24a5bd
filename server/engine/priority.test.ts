import { describe, expect, test } from 'vitest';
import { computePriority } from './priority.ts';
import type { Priority, WorkflowDefinition } from './workflow/workflow.schema.ts';

type Policy = WorkflowDefinition['priority'];

/** Every kind of cell: exact, a row's "*", the "*" row's exact urgency, and "*"/"*". */
const withWildcards: Policy = {
  impactField: 'impact',
  urgencyField: 'urgency',
  matrix: {
    everyone: { high: 'P1' },
    team: { high: 'P2', '*': 'P3' },
    '*': { medium: 'P2', '*': 'P4' },
  },
  default: 'P3',
};

/** No "*" row: anything not in the matrix gets the default. */
const exactOnly: Policy = {
  impactField: 'impact',
  urgencyField: 'urgency',
  matrix: { everyone: { high: 'P1' } },
  default: 'P3',
};

describe('computePriority', () => {
  test.each<[string, Record<string, unknown>, Priority]>([
    ['the exact cell', { impact: 'everyone', urgency: 'high' }, 'P1'],
    ['an exact cell before its row\'s "*"', { impact: 'team', urgency: 'high' }, 'P2'],
    ['the row\'s "*" when its urgency is not listed', { impact: 'team', urgency: 'low' }, 'P3'],
    ['the row\'s "*" before the "*" row\'s exact urgency', { impact: 'team', urgency: 'medium' }, 'P3'],
    ['the "*" row\'s exact urgency when the impact has no row', { impact: 'me', urgency: 'medium' }, 'P2'],
    ['the "*" row\'s exact urgency when the row lacks the urgency', { impact: 'everyone', urgency: 'medium' }, 'P2'],
    ['"*"/"*" when nothing else matches', { impact: 'me', urgency: 'low' }, 'P4'],
    ['"*"/"*" when a row without "*" lacks the urgency', { impact: 'everyone', urgency: 'low' }, 'P4'],
    ['the row\'s "*" when urgency is missing', { impact: 'team' }, 'P3'],
    ['the "*" row when impact is missing', { urgency: 'medium' }, 'P2'],
    ['"*"/"*" when both are missing', {}, 'P4'],
    ['"*"/"*" when the values are not text', { impact: ['team'], urgency: 3 }, 'P4'],
  ])('with wildcards: %s', (_name, values, expected) => {
    expect(computePriority(withWildcards, values)).toBe(expected);
  });

  test.each<[string, Record<string, unknown>, Priority]>([
    ['the exact cell', { impact: 'everyone', urgency: 'high' }, 'P1'],
    ['the default for a cell not in the matrix', { impact: 'everyone', urgency: 'low' }, 'P3'],
    ['the default for a row not in the matrix', { impact: 'me', urgency: 'high' }, 'P3'],
    ['the default when impact is missing', { urgency: 'high' }, 'P3'],
    ['the default when urgency is missing', { impact: 'everyone' }, 'P3'],
    ['the default when both are missing', {}, 'P3'],
  ])('without wildcards: %s', (_name, values, expected) => {
    expect(computePriority(exactOnly, values)).toBe(expected);
  });

  test('reads the fields the policy names', () => {
    const policy: Policy = { impactField: 'scope', urgencyField: 'when', matrix: { all: { now: 'P1' } }, default: 'P4' };
    expect(computePriority(policy, { scope: 'all', when: 'now' })).toBe('P1');
    expect(computePriority(policy, { impact: 'all', urgency: 'now' })).toBe('P4');
  });

  test('an empty matrix gives the default', () => {
    expect(computePriority({ ...exactOnly, matrix: {} }, { impact: 'everyone', urgency: 'high' })).toBe('P3');
  });

  // The matrix is a plain object, so an impact or urgency value that names an
  // Object.prototype member finds it: impact "constructor" + urgency "name"
  // gives "Object"; urgency "toString" gives a function. Impact and urgency
  // may be text fields (validateWorkflow does not require select), so a
  // requester can type these: lookups must use own properties.
  test.each<[Policy, Record<string, unknown>]>([
    [exactOnly, { impact: 'constructor', urgency: 'name' }],
    [withWildcards, { impact: 'nobody', urgency: 'toString' }],
    [withWildcards, { impact: '__proto__', urgency: 'x' }],
  ])('never returns an Object.prototype member (%#)', (policy, values) => {
    expect(computePriority(policy, values)).toBe(policy === exactOnly ? 'P3' : 'P4');
  });
});
