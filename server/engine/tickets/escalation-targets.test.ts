import { describe, expect, test } from 'vitest';
import { escalationTargets } from './escalation-targets.ts';

const definition = { escalateTo: ['network', 'end-user-devices', 'identity'], secondLine: { hardware: 'end-user-devices', network: 'network' } };

describe('escalation targets', () => {
  test.each([
    ['a hardware ticket offers the devices team first', { queue: 'first-line', category: 'hardware' }, ['end-user-devices', 'network', 'identity']],
    ['a network ticket offers the network team first', { queue: 'first-line', category: 'network' }, ['network', 'end-user-devices', 'identity']],
    ['a category with no second line keeps the workflow order', { queue: 'first-line', category: 'general' }, ['network', 'end-user-devices', 'identity']],
    ['an uncategorised ticket keeps the workflow order', { queue: 'first-line', category: null }, ['network', 'end-user-devices', 'identity']],
    ['the queue it is in is never offered', { queue: 'end-user-devices', category: 'hardware' }, ['network', 'identity']],
  ])('%s', (_name, ticket, expected) => {
    expect(escalationTargets(definition, ticket)).toEqual(expected);
  });

  test('a second line outside escalateTo is not offered', () => {
    expect(escalationTargets({ escalateTo: ['network'], secondLine: { hardware: 'end-user-devices' } }, { queue: 'first-line', category: 'hardware' })).toEqual(['network']);
  });
});
