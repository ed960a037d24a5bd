/**
 * Ordered categorise rules: the first match wins, unless it says
 * `continue`, in which case later matches may add to or override what it set.
 */
import { evaluateRule, isTruthy } from './rules.ts';
import type { Priority, WorkflowDefinition } from './workflow/workflow.schema.ts';

export interface Categorisation {
  category?: string;
  queue?: string;
  priority?: Priority;
  /** Indexes of the rules that matched, for the ticket's history and the simulator. */
  matched: number[];
}

/** `data` must be a null-prototype copy of the rule context (see `nullPrototypeCopy`). */
export function categorise(rules: WorkflowDefinition['categorise'], data: unknown): Categorisation {
  const result: Categorisation = { matched: [] };
  for (const [index, rule] of rules.entries()) {
    if (!isTruthy(evaluateRule(rule.when, data, { prepared: true }))) continue;
    result.matched.push(index);
    Object.assign(result, Object.fromEntries(Object.entries(rule.set).filter(([, v]) => v !== undefined)));
    if (!rule.continue) break;
  }
  return result;
}
