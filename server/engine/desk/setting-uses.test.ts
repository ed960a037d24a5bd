import { describe, expect, it } from 'vitest';
import { queueUses, slaPolicyUses } from './setting-uses.ts';

describe('where a workflow names a setting', () => {
  const definition = {
    categorise: [{ when: true, set: { queue: 'network' } }, { when: true, set: { category: 'x' } }, 'not a rule'],
    defaultQueue: 'network',
    escalations: [{ do: [{ notify: {} }, { setQueue: 'network' }] }, { do: 'broken' }],
    escalateTo: ['identity', 'network'],
    sla: 'standard',
  };

  it('finds every path naming a queue', () => {
    expect(queueUses(definition, 'network')).toEqual(['categorise[0].set.queue', 'defaultQueue', 'escalations[0].do[1].setQueue', 'escalateTo[1]']);
    expect(queueUses(definition, 'identity')).toEqual(['escalateTo[0]']);
    expect(queueUses(definition, 'first-line')).toEqual([]);
  });

  it('finds the SLA policy', () => {
    expect(slaPolicyUses(definition, 'standard')).toEqual(['sla']);
    expect(slaPolicyUses(definition, 'relaxed')).toEqual([]);
  });

  it('reads a half-written draft without failing', () => {
    expect(queueUses(null, 'network')).toEqual([]);
    expect(queueUses({ categorise: 'nope', escalations: [null] }, 'network')).toEqual([]);
  });
});
