/**
 * Editing a workflow's lifecycle in the builder: the default an admin
 * customises is the desk's own, the choices come from the desk's format,
 * and renaming a state keeps the transitions pointing at it.
 */
import { describe, expect, it } from 'vitest';
import { defaultLifecycle } from '../../server/engine/tickets/lifecycle.ts';
import { validateWorkflow } from '../../server/engine/workflow/validate-workflow.ts';
import { stateClasses as deskClasses, transitionInputs as deskInputs } from '../../server/engine/workflow/lifecycle.schema.ts';
import { roles as deskRoles } from '../../server/engine/people/people.schema.ts';
import { starterDraft } from '../../ui/src/lib/builder/draft.ts';
import {
  defaultLifecycleCopy,
  freeStateId,
  lifecycleOf,
  newState,
  newTransition,
  renameState,
  requirable,
  stateClasses,
  toggled,
  transitionInputs,
  transitionRoles,
  type DraftLifecycle,
} from '../../ui/src/lib/builder/lifecycle.ts';

const references = { queues: new Set(['first-line']), slaPolicies: new Set(['standard']), templates: new Set<string>() };

describe('the lifecycle an admin customises', () => {
  it('starts as a copy of the default the desk runs, which the desk accepts', () => {
    const copy = defaultLifecycleCopy();
    expect(copy).toEqual(JSON.parse(JSON.stringify(defaultLifecycle)));
    copy.states[0]!.id = 'changed';
    expect(defaultLifecycleCopy().states[0]!.id).toBe('new');
    const draft = { ...starterDraft({ id: 'laptops', name: 'Laptops', kind: 'request', queue: 'first-line', sla: 'standard', summaryLabel: 'Summary' }), lifecycle: defaultLifecycleCopy() };
    expect(validateWorkflow(draft, references)).toMatchObject({ ok: true });
  });

  it('offers the classes, roles and inputs the desk knows', () => {
    expect(stateClasses).toEqual([...deskClasses]);
    expect(transitionRoles).toEqual([...deskRoles]);
    expect(transitionInputs).toEqual([...deskInputs]);
    expect(requirable(['serial', 'comment'])).toEqual([...deskInputs, 'serial']);
  });

  it('tells the default (none), a lifecycle it can edit, and one it cannot', () => {
    expect(lifecycleOf({})).toBeUndefined();
    expect(lifecycleOf({ lifecycle: { states: [], transitions: [] } })).toEqual({ states: [], transitions: [] });
    expect(lifecycleOf({ lifecycle: { states: 'new' } })).toBeNull();
    expect(lifecycleOf({ lifecycle: { states: [1], transitions: [] } })).toBeNull();
  });
});

describe('editing states and transitions', () => {
  const lc = (): DraftLifecycle => defaultLifecycleCopy();

  it('gives new states an id no state has', () => {
    const l = lc();
    expect(freeStateId(l.states)).toBe('state');
    l.states.push(newState(l));
    l.states.push(newState(l, 'pending'));
    expect(l.states.slice(-2)).toEqual([{ id: 'state', class: 'open' }, { id: 'state-2', class: 'pending' }]);
  });

  it('renames a state and the transitions that name it', () => {
    const l = lc();
    renameState(l, 2, 'waiting');
    expect(l.states[2]!.id).toBe('waiting');
    expect(l.transitions.map((t) => [t.from, t.to])).toEqual([
      [['new', 'waiting'], 'open'],
      [['new', 'open'], 'waiting'],
      [['new', 'open', 'waiting'], 'resolved'],
      [['resolved'], 'open'],
      [['resolved'], 'closed'],
    ]);
  });

  it('leaves the transitions alone when the new id is another state\'s', () => {
    const l = lc();
    renameState(l, 2, 'open');
    expect(l.transitions[0]!.from).toEqual(['new', 'pending']);
    expect(l.transitions[1]!.to).toBe('pending');
  });

  it('adds a transition between the first two states, for the staff', () => {
    expect(newTransition(lc())).toEqual({ from: ['new'], to: 'open', roles: ['agent', 'specialist', 'manager', 'admin'], requires: [] });
  });

  it('ticks and unticks choices in their own order, keeping ones it does not know', () => {
    const order = ['new', 'open', 'pending'];
    expect(toggled(['pending'], 'new', true, order)).toEqual(['new', 'pending']);
    expect(toggled(['new', 'pending'], 'new', false, order)).toEqual(['pending']);
    expect(toggled(['gone', 'open'], 'new', true, order)).toEqual(['new', 'open', 'gone']);
    expect(toggled(undefined, 'open', true, order)).toEqual(['open']);
  });
});
