/**
 * The lifecycle as the builder edits it: its states and transitions, in
 * place, in the admin's JSON. The choices (state classes, roles, what a
 * transition may ask for) and the default lifecycle an admin customises
 * come from the published JSON Schema, never restated here. Pure functions,
 * no Svelte: unit-tested in test/ui/builder-lifecycle.test.ts.
 */
import type { Lifecycle } from '../../../../server/engine/workflow/lifecycle.schema.ts';
import workflowSchema from '../../../../workflows/workflow.schema.json';
import type { Text } from './draft.ts';

const format = workflowSchema.properties.lifecycle;
const transitionFormat = format.properties.transitions.items.properties;

export type StateClass = Lifecycle['states'][number]['class'];
export type TransitionRole = Lifecycle['transitions'][number]['roles'][number];

export const stateClasses = format.properties.states.items.properties.class.enum as readonly StateClass[];
export const transitionRoles = transitionFormat.roles.items.enum as readonly TransitionRole[];
/** Who may take a transition that does not say. */
export const defaultRoles = transitionFormat.roles.default as readonly TransitionRole[];
/** What a transition may ask for besides the form's own fields. */
export const transitionInputs = transitionFormat.requires.items.examples as readonly string[];

export interface DraftState {
  id: string;
  class: string;
  label?: Text;
  [key: string]: unknown;
}
export interface DraftTransition {
  from: string[];
  to: string;
  roles?: string[];
  requires?: string[];
  when?: unknown;
  label?: Text;
  [key: string]: unknown;
}
export interface DraftLifecycle {
  states: DraftState[];
  transitions: DraftTransition[];
  [key: string]: unknown;
}

/** A copy of the lifecycle a workflow without one runs on, to start customising from. */
export function defaultLifecycleCopy(): DraftLifecycle {
  return structuredClone(format.default) as DraftLifecycle;
}

/** The lifecycle of a draft when the builder can show it; undefined: none (the default); null: not a shape it can edit. */
export function lifecycleOf(draft: Record<string, unknown>): DraftLifecycle | undefined | null {
  const l = draft.lifecycle as { states?: unknown; transitions?: unknown } | undefined;
  if (l === undefined) return undefined;
  const rows = (list: unknown) => Array.isArray(list) && list.every((x) => x && typeof x === 'object' && !Array.isArray(x));
  return l && typeof l === 'object' && rows(l.states) && rows(l.transitions) ? (l as DraftLifecycle) : null;
}

/** An id no state has yet: `base`, else `base-2`, `base-3`… */
export function freeStateId(states: readonly DraftState[], base = 'state'): string {
  const taken = new Set(states.map((s) => s.id));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/** A new state of a class, with an id of its own. */
export function newState(lifecycle: DraftLifecycle, stateClass: StateClass = 'open'): DraftState {
  return { id: freeStateId(lifecycle.states), class: stateClass };
}

/**
 * Gives state `i` a new id. The transitions that name the old id follow it,
 * unless another state shares the old id or already has the new one (then
 * which state they meant is not clear, and the desk's check says so).
 */
export function renameState(lifecycle: DraftLifecycle, i: number, id: string): void {
  const state = lifecycle.states[i];
  if (!state) return;
  const old = state.id;
  state.id = id;
  const others = lifecycle.states.filter((_, j) => j !== i);
  if (old === id || others.some((s) => s.id === old || s.id === id)) return;
  for (const t of lifecycle.transitions) {
    if (Array.isArray(t.from)) t.from = t.from.map((f) => (f === old ? id : f));
    if (t.to === old) t.to = id;
  }
}

/** A new transition: from the first state to the next one, for the roles a transition has by default. */
export function newTransition(lifecycle: DraftLifecycle): DraftTransition {
  const [first, second] = lifecycle.states;
  return { from: first ? [first.id] : [], to: second?.id ?? '', roles: [...defaultRoles], requires: [] };
}

/** The list with `value` in it or not; added values keep the order of `order` (the states, the roles…). */
export function toggled(list: readonly string[] | undefined, value: string, on: boolean, order: readonly string[]): string[] {
  const current = new Set(list ?? []);
  if (on) current.add(value);
  else current.delete(value);
  const known = order.filter((v) => current.has(v));
  return [...known, ...[...current].filter((v) => !order.includes(v))];
}

/** What a transition may ask for: the named inputs, then the form's fields by key. */
export function requirable(fieldKeys: readonly string[]): string[] {
  return [...transitionInputs, ...fieldKeys.filter((k) => !transitionInputs.includes(k))];
}
