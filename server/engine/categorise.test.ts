import { describe, expect, it, test } from 'vitest';
import { categorise } from './categorise.ts';
import { nullPrototypeCopy } from './rules.ts';
import type { WorkflowDefinition } from './workflow/workflow.schema.ts';

type Rules = WorkflowDefinition['categorise'];

const data = (fields: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  nullPrototypeCopy({ fields, ticket: { priority: 'P3' }, requester: { groups: [] }, ...extra });

const isService = (value: string) => ({ '==': [{ var: 'fields.service' }, value] });

describe('categorise', () => {
  const firstMatch: Rules = [
    { when: { in: [{ var: 'fields.service' }, ['vpn', 'email']] }, set: { category: 'network', queue: 'network' } },
    { when: isService('vpn'), set: { category: 'never', queue: 'never' } },
    { when: true, set: { category: 'general', queue: 'first-line' } },
  ];

  test.each([
    ['vpn', { category: 'network', queue: 'network', matched: [0] }],
    ['email', { category: 'network', queue: 'network', matched: [0] }],
    ['printer', { category: 'general', queue: 'first-line', matched: [2] }],
  ])('the first match wins: %s', (service, expected) => {
    expect(categorise(firstMatch, data({ service }))).toEqual(expected);
  });

  const continuing: Rules = [
    { when: { '==': [{ var: 'fields.impact' }, 'everyone'] }, set: { category: 'outage', priority: 'P1' }, continue: true },
    { when: true, set: { category: 'tagged' }, continue: true },
    { when: isService('vpn'), set: { category: 'network', queue: 'network' } },
    { when: true, set: { queue: 'first-line' } },
    { when: true, set: { queue: 'never' } },
  ];

  test.each([
    ['later rules apply and override', { impact: 'everyone', service: 'vpn' }, { category: 'network', queue: 'network', priority: 'P1', matched: [0, 1, 2] }],
    ['a later rule keeps what it does not set', { impact: 'everyone', service: 'printer' }, { category: 'tagged', queue: 'first-line', priority: 'P1', matched: [0, 1, 3] }],
    ['a rule that does not match adds nothing', { impact: 'me', service: 'printer' }, { category: 'tagged', queue: 'first-line', matched: [1, 3] }],
  ])('with "continue": %s', (_name, fields, expected) => {
    expect(categorise(continuing, data(fields))).toEqual(expected);
  });

  it('sets nothing when no rule matches', () => {
    expect(categorise([{ when: isService('vpn'), set: { queue: 'network' } }], data({ service: 'email' }))).toEqual({ matched: [] });
    expect(categorise([], data({}))).toEqual({ matched: [] });
  });

  it('treats json-logic falsy results as no match and truthy ones as a match', () => {
    const rules: Rules = [
      { when: { var: 'fields.tags' }, set: { category: 'tagged' } },
      { when: { var: 'fields.count' }, set: { category: 'counted' } },
    ];
    expect(categorise(rules, data({ tags: [], count: 0 }))).toEqual({ matched: [] });
    expect(categorise(rules, data({ tags: [], count: 2 }))).toEqual({ category: 'counted', matched: [1] });
  });

  it('reads the ticket and requester as well as the fields', () => {
    const rules: Rules = [
      { when: { in: ['vip', { var: 'requester.groups' }] }, set: { queue: 'vip' } },
      { when: { '==': [{ var: 'ticket.priority' }, 'P1'] }, set: { queue: 'major' } },
      { when: true, set: { queue: 'first-line' } },
    ];
    expect(categorise(rules, data({}, { requester: { groups: ['vip'] } })).queue).toBe('vip');
    expect(categorise(rules, data({}, { ticket: { priority: 'P1' } })).queue).toBe('major');
    expect(categorise(rules, data({})).queue).toBe('first-line');
  });
});
