/**
 * The queues a ticket may be escalated to, in the order an agent should see
 * them: the second-line queue its category belongs to first, then the rest
 * of the workflow's `escalateTo`, never the queue it is already in.
 */
import type { WorkflowDefinition } from '../workflow/workflow.schema.ts';

export function escalationTargets(
  definition: Pick<WorkflowDefinition, 'escalateTo' | 'secondLine'>,
  ticket: { queue: string; category: string | null },
): string[] {
  const first = ticket.category ? definition.secondLine[ticket.category] : undefined;
  const ordered = first && definition.escalateTo.includes(first) ? [first, ...definition.escalateTo.filter((q) => q !== first)] : definition.escalateTo;
  return ordered.filter((q) => q !== ticket.queue);
}
