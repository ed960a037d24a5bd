/**
 * Impact × urgency → priority. A cell may be "*" to match any value; the
 * most specific match wins, then the workflow's default.
 */
import type { FieldValues } from './form.ts';
import type { Priority, WorkflowDefinition } from './workflow/workflow.schema.ts';

export function computePriority(policy: WorkflowDefinition['priority'], values: FieldValues): Priority {
  const impact = values[policy.impactField];
  const urgency = values[policy.urgencyField];
  const row = typeof impact === 'string' ? policy.matrix[impact] : undefined;
  const anyRow = policy.matrix['*'];
  const u = typeof urgency === 'string' ? urgency : undefined;
  return (
    (u !== undefined ? row?.[u] : undefined) ??
    row?.['*'] ??
    (u !== undefined ? anyRow?.[u] : undefined) ??
    anyRow?.['*'] ??
    policy.default
  );
}
