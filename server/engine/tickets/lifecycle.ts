/**
 * A workflow's lifecycle, with the default one for workflows that declare
 * none, and the check every state change goes through: is there a
 * transition from here to there, may this person take it, does its guard
 * hold, and is everything it requires filled in. A refused change says why.
 */
import type { Role } from '../people/people.schema.ts';
import { isTruthy, evaluateRule, nullPrototypeCopy } from '../rules.ts';
import { defaultLifecycle, type Lifecycle, type LifecycleState, type StateClass, type Transition } from '../workflow/lifecycle.schema.ts';
import type { WorkflowDefinition } from '../workflow/workflow.schema.ts';

export { defaultLifecycle };

/** Where a ticket waits for its approvers when the lifecycle names no state of class "pending-approval". */
export const awaitingApproval: LifecycleState = { id: 'awaiting-approval', class: 'pending-approval', label: { en: 'Awaiting approval', cy: 'Yn aros am gymeradwyaeth' } };

/** The lifecycle tickets run through; a workflow with approval steps always has a state to wait in. */
export function lifecycleOf(definition: Pick<WorkflowDefinition, 'lifecycle'> & Partial<Pick<WorkflowDefinition, 'approvals'>>): Lifecycle {
  const declared = definition.lifecycle ?? defaultLifecycle;
  if (!definition.approvals?.length || declared.states.some((s) => s.class === 'pending-approval')) return declared;
  return { ...declared, states: [...declared.states, awaitingApproval] };
}

export function stateOf(lifecycle: Lifecycle, id: string): LifecycleState | undefined {
  return lifecycle.states.find((s) => s.id === id);
}

/** The first declared state of a class: where a ticket goes when the desk moves it (confirm → closed). */
export function firstStateOfClass(lifecycle: Lifecycle, stateClass: StateClass): LifecycleState {
  const found = lifecycle.states.find((s) => s.class === stateClass);
  // Publish-time validation requires one state of every class but pending.
  if (!found) throw new Error(`the lifecycle has no state of class "${stateClass}"`);
  return found;
}

/** What a person sends to take a transition. */
export interface TransitionInput {
  fields?: Record<string, unknown>;
  comment?: string;
  resolution?: { code?: string; notes?: string };
}

export type TransitionCheck =
  | { ok: true; transition: Transition; to: LifecycleState }
  | { ok: false; status: 403 | 409 | 422; message: string; problems?: { path: string; message: string }[] };

const filled = (v: unknown) => v !== undefined && v !== null && !(typeof v === 'string' && !v.trim()) && !(Array.isArray(v) && !v.length);

/**
 * Whether `roles` may move a ticket from `from` to `to`. When several
 * transitions connect the two states, the first one the person may take wins.
 */
export function checkTransition(
  lifecycle: Lifecycle,
  from: string,
  to: string,
  actor: { roles: readonly Role[] },
  input: TransitionInput,
  ruleData: unknown,
): TransitionCheck {
  const target = stateOf(lifecycle, to);
  if (!target) {
    const names = lifecycle.states.map((s) => `"${s.id}"`).join(', ');
    return { ok: false, status: 422, message: `"${to}" is not a state of this workflow`, problems: [{ path: 'to', message: `use one of ${names}` }] };
  }
  if (from === to) return { ok: false, status: 409, message: `The ticket is already ${to}` };
  const candidates = lifecycle.transitions.filter((t) => t.to === to && t.from.includes(from));
  if (!candidates.length) {
    const reachable = [...new Set(lifecycle.transitions.filter((t) => t.from.includes(from)).map((t) => t.to))];
    const hint = reachable.length ? `from "${from}" it can go to ${reachable.map((s) => `"${s}"`).join(', ')}` : `"${from}" is a final state`;
    return { ok: false, status: 409, message: `A ticket cannot go from "${from}" to "${to}": ${hint}` };
  }
  const allowed = candidates.filter((t) => mayTake(t, actor));
  if (!allowed.length) return { ok: false, status: 403, message: `Your role may not move a ticket from "${from}" to "${to}"` };
  const open = firstOpen(allowed, nullPrototypeCopy(ruleData));
  if (!open) return { ok: false, status: 409, message: `The ticket does not meet the condition for going from "${from}" to "${to}"` };

  const problems = open.requires.flatMap((need) => {
    const value =
      need === 'comment' ? input.comment
      : need === 'resolution.code' ? input.resolution?.code
      : need === 'resolution.notes' ? input.resolution?.notes
      : input.fields?.[need];
    return filled(value) ? [] : [{ path: need === 'comment' || need.startsWith('resolution.') ? need : `fields.${need}`, message: 'is required for this change' }];
  });
  if (problems.length) return { ok: false, status: 422, message: `Going to "${to}" needs more information`, problems };
  return { ok: true, transition: open, to: target };
}

const mayTake = (t: Transition, actor: { roles: readonly Role[] }) => t.roles.some((r) => actor.roles.includes(r));
const firstOpen = (transitions: readonly Transition[], data: unknown) =>
  transitions.find((t) => t.when === undefined || isTruthy(evaluateRule(t.when, data, { prepared: true })));

/** A next state a person can take the ticket to now, by the transition `checkTransition` would take. */
export interface OpenTransition {
  to: LifecycleState;
  transition: Transition;
}

/**
 * The transitions a person may take from `from` now, one per next state in
 * the lifecycle's order of states: among the transitions to that state their
 * role allows, the first whose guard holds, exactly as `checkTransition`
 * chooses, so what it `requires` is what the change will ask for. A state
 * whose every guard fails is left out: the change would be refused.
 */
export function openTransitions(lifecycle: Lifecycle, from: string, actor: { roles: readonly Role[] }, ruleData: unknown): OpenTransition[] {
  const data = nullPrototypeCopy(ruleData);
  const mine = lifecycle.transitions.filter((t) => t.from.includes(from) && t.to !== from && mayTake(t, actor));
  return lifecycle.states.flatMap((to) => {
    const transition = firstOpen(mine.filter((t) => t.to === to.id), data);
    return transition ? [{ to, transition }] : [];
  });
}

/** States a person could move the ticket to next (for the agent's action menu). */
export function nextStates(lifecycle: Lifecycle, from: string, actor: { roles: readonly Role[] }): LifecycleState[] {
  const ids = new Set(lifecycle.transitions.filter((t) => t.from.includes(from) && t.roles.some((r) => actor.roles.includes(r))).map((t) => t.to));
  return lifecycle.states.filter((s) => ids.has(s.id));
}
