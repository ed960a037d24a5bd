/**
 * Impact × urgency → priority. A cell may be "*" to match any value; the
 * most specific match wins, then the workflow's default.
 */
import type { FieldValues } from './form.ts';
import type { Priority, WorkflowDefinition } from './workflow/workflow.schema.ts';

export function computePriority(policy: WorkflowDefinition['priority'], values: FieldValues): Priority {
  // Own keys only: a value like "constructor" must not find Object.prototype's members.
  const cell = (row: Record<string, Priority> | undefined, key: unknown) =>
    row && typeof key === 'string' && Object.hasOwn(row, key) ? row[key] : undefined;
  const impact = values[policy.impactField];
  const urgency = values[policy.urgencyField];
  const row = typeof impact === 'string' && Object.hasOwn(policy.matrix, impact) ? policy.matrix[impact] : undefined;
  const anyRow = Object.hasOwn(policy.matrix, '*') ? policy.matrix['*'] : undefined;
  return cell(row, urgency) ?? cell(row, '*') ?? cell(anyRow, urgency) ?? cell(anyRow, '*') ?? policy.default;
}
