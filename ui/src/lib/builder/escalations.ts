/**
 * Escalation rules as the Escalations tab edits them, in place on the
 * draft: the timer (`at`), the actions (`do`) chosen from lists. Only the
 * keys an edit is about are written, so a rule read from a file is saved
 * back as it was. Pure, no Svelte: tested in test/ui/condition-model.test.ts.
 */
import type { EscalationRule } from '../../../../server/engine/workflow/workflow.schema.ts';

type Action = EscalationRule['do'][number];
/** What an action does: its one key. */
export type ActionKind = Action extends infer A ? (A extends unknown ? keyof A : never) : never;
export const actionKinds = ['notify', 'setQueue', 'setPriority', 'assign', 'note', 'webhook'] as const satisfies readonly ActionKind[];

export interface DraftEscalation {
  id?: string;
  at?: { clock?: string; percent?: number; offsetMinutes?: number; [key: string]: unknown };
  when?: unknown;
  do?: Record<string, unknown>[];
  [key: string]: unknown;
}

/** The kind of an action the tab can show, or null (several keys, an unknown one): then it is shown as JSON only. */
export function actionKind(action: unknown): ActionKind | null {
  if (!action || typeof action !== 'object' || Array.isArray(action)) return null;
  const keys = Object.keys(action);
  return keys.length === 1 && (actionKinds as readonly string[]).includes(keys[0]!) ? (keys[0] as ActionKind) : null;
}

/** A new action of a kind, with what the desk offers filled in where there is an obvious choice. */
export function newAction(kind: ActionKind, o: { templates: readonly string[]; queues: readonly { id: string }[] }): Record<string, unknown> {
  switch (kind) {
    case 'notify':
      return { notify: { template: o.templates.includes('sla-warning') ? 'sla-warning' : (o.templates[0] ?? ''), to: ['queue.manager'] } };
    case 'setQueue':
      return { setQueue: o.queues[0]?.id ?? '' };
    case 'setPriority':
      return { setPriority: 'P2' };
    case 'assign':
      return { assign: '' };
    case 'note':
      return { note: '' };
    case 'webhook':
      return { webhook: { url: 'https://' } };
  }
}

/** How a timed rule fires: at the due time, at a share of the target, or minutes around the due time. */
export type Timing = 'due' | 'percent' | 'offset';

export const timingOf = (at: DraftEscalation['at']): Timing => (at?.percent !== undefined ? 'percent' : at?.offsetMinutes !== undefined ? 'offset' : 'due');

/** Sets the clock a rule runs on; no clock removes the timer (the rule is checked whenever the ticket changes). */
export function setClock(rule: DraftEscalation, clock: string): void {
  if (!clock) delete rule.at;
  else if (rule.at && typeof rule.at === 'object') rule.at.clock = clock;
  else rule.at = { clock, percent: 80 };
}

/** Sets how a timed rule fires, keeping one of percent and offsetMinutes (the desk refuses both). */
export function setTiming(rule: DraftEscalation, timing: Timing, amount?: number): void {
  if (!rule.at) return;
  delete rule.at.percent;
  delete rule.at.offsetMinutes;
  if (timing === 'percent') rule.at.percent = amount ?? 80;
  if (timing === 'offset') rule.at.offsetMinutes = amount ?? 0;
}
